/** The one callback address registered with each network for the portal's account linking. */
export function accountsCallbackUrl(slug: string, absolute: (path: string) => string): string {
  return absolute(`/r/${encodeURIComponent(slug)}/accounts/callback`);
}
