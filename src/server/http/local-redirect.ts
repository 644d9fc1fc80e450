import { redirect } from "next/navigation";
import { getEnv } from "../env";
import { safeRedirectPath } from "./safe-redirect";

/** Our own origin, from configuration only (never from Host or X-Forwarded-Host). */
export function appOrigin(): string {
  return new URL(getEnv().APP_URL).origin;
}

/** `value` as a path on our own origin, or `fallback` (see safe-redirect.ts). */
export function safeLocalPath(value: unknown, fallback = "/"): string {
  return safeRedirectPath(value, appOrigin(), fallback);
}

/** next/navigation's redirect(), through the one destination check. */
export function localRedirect(value: string, fallback = "/"): never {
  redirect(safeLocalPath(value, fallback));
}
