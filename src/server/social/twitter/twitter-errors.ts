import { ApiPartialResponseError, ApiRequestError, ApiResponseError } from "twitter-api-v2";
import { PostRefusedError, type ClassifiedError } from "../social-provider";

/**
 * Maps twitter-api-v2's errors onto the pipeline's reactions. A 429 carries `retryAt` only when
 * X sent its reset header; otherwise the pipeline's one default wait applies.
 */
export function classifyTwitterError(error: unknown): ClassifiedError {
  if (error instanceof PostRefusedError) return { kind: "BAD_REQUEST", message: `X refused the post: ${error.detail}` };
  if (error instanceof ApiResponseError) {
    const message = `X API ${error.code}: ${error.message}`;
    if (error.code === 429 || error.rateLimitError) {
      const reset = error.rateLimit?.reset;
      return reset ? { kind: "RATE_LIMITED", message, retryAt: new Date(reset * 1000) } : { kind: "RATE_LIMITED", message };
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
