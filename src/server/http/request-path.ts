import { headers } from "next/headers";
import { safeLocalPath } from "./local-redirect";

/** Set by src/proxy.ts on every request: the path and query the browser asked for. */
export const REQUEST_PATH_HEADER = "x-megaphone-request-path";

/**
 * Where the browser is, so a signed-out visitor comes back to the same page and query after
 * signing in (a layout cannot know its page's path). Checked like any destination; `fallback`
 * when the proxy did not run.
 */
export async function currentRequestPath(fallback: string): Promise<string> {
  const value = (await headers()).get(REQUEST_PATH_HEADER);
  return value ? safeLocalPath(value, fallback) : fallback;
}
