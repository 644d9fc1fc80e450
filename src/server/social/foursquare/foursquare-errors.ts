import { ZodError } from "zod";
import type { ClassifiedError } from "../social-provider";
import { FoursquareApiError } from "./foursquare-client";

/**
 * Maps the Foursquare client's failures onto the pipeline's reactions:
 *  - 429, or 403 `rate_limit_exceeded` / `quota_exceeded` (what v2 sends) → RATE_LIMITED until
 *    X-RateLimit-Reset (without a usable reset, no `retryAt`: the pipeline's one default wait applies);
 *  - `invalid_auth` (401 revoked token, 400 missing token) and 403 `not_authorized` → RECONNECT:
 *    v2 tokens never expire and cannot be refreshed, so only the customer can fix it;
 *  - 5xx, network errors, timeouts → TRANSIENT;
 *  - any other 4xx, or a response that does not match the schema → BAD_REQUEST.
 */
export function classifyFoursquareError(error: unknown, now = Date.now()): ClassifiedError {
  if (error instanceof FoursquareApiError) {
    const message = `Foursquare ${error.status} ${error.errorType}${error.errorDetail ? `: ${error.errorDetail}` : ""}`;
    if (error.status === 429 || error.isRateLimited) {
      const reset = error.rateLimit.reset;
      const known = reset !== undefined && Number.isFinite(reset) && reset * 1000 > now;
      return known ? { kind: "RATE_LIMITED", message, retryAt: new Date(reset * 1000) } : { kind: "RATE_LIMITED", message };
    }
    if (error.isAuthError || error.status === 401 || (error.status === 403 && error.errorType === "not_authorized")) {
      return { kind: "RECONNECT", message };
    }
    if (error.status >= 500) return { kind: "TRANSIENT", message };
    return { kind: "BAD_REQUEST", message };
  }
  if (error instanceof ZodError) {
    return { kind: "BAD_REQUEST", message: `unexpected Foursquare response: ${error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}` };
  }
  return { kind: "TRANSIENT", message: `Foursquare request failed: ${error instanceof Error ? error.message : String(error)}` };
}
