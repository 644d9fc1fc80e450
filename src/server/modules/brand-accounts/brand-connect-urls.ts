/**
 * The callback address of "Connect X" for one brand. On a real X app it must be registered as a
 * callback URL (docs/sandbox.md says how; the sandbox accepts any unless told otherwise).
 */
export function brandConnectCallbackUrl(slug: string, absolute: (path: string) => string): string {
  return absolute(`/api/v1/tenants/${encodeURIComponent(slug)}/brand-accounts/twitter/callback`);
}
