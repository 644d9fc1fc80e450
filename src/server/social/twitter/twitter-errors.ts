import { ApiPartialResponseError, ApiRequestError, ApiResponseError } from "twitter-api-v2";
import type { ClassifiedError } from "../social-provider";

const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

/** Maps twitter-api-v2's errors onto the pipeline's reactions. */
export function classifyTwitterError(error: unknown, now = Date.now()): ClassifiedError {
  if (error instanceof ApiResponseError) {
    const message = `X API ${error.code}: ${error.message}`;
    if (error.code === 429 || error.rateLimitError) {
      const reset = error.rateLimit?.reset;
      return { kind: "RATE_LIMITED", message, retryAt: new Date(reset ? reset * 1000 : now + DEFAULT_RATE_LIMIT_WAIT_MS) };
    }
    if (error.code === 401) return { kind: "RECONNECT", message };
    if (error.code === 403) {
      // 403 on reads means the app/user lost access (suspended, revoked project): a human must act.
      return { kind: "RECONNECT", message };
    }
    if (error.code === 400 && /since_id|until_id|start_time/i.test(JSON.stringify(error.data ?? {}))) {
      return { kind: "CURSOR_EXPIRED", message };
    }
    if (error.code >= 500) return { kind: "TRANSIENT", message };
    return { kind: "BAD_REQUEST", message };
  }
  if (error instanceof ApiRequestError || error instanceof ApiPartialResponseError) {
    return { kind: "TRANSIENT", message: `X API request failed: ${error.message}` };
  }
  return { kind: "TRANSIENT", message: error instanceof Error ? error.message : String(error) };
}
