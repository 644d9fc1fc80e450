import { headers } from "next/headers";

/** This request's CSP nonce (src/proxy.ts puts the policy on the request), for a page's own <script>. */
export async function requestNonce(): Promise<string | undefined> {
  const policy = (await headers()).get("content-security-policy") ?? "";
  return /'nonce-([^']+)'/.exec(policy)?.[1];
}
