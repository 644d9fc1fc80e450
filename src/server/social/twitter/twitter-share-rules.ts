import { ApiResponseError } from "twitter-api-v2";
import type { ShareNetworkRules } from "../share-rules";

const X_HANDLE = /^[A-Za-z0-9_]{1,15}$/;

/**
 * Posting on X. (Candidate for the provider: a DUPLICATE kind in `classifyError`, which today
 * calls X's duplicate-content 403 RECONNECT like any other 403, hence `isDuplicatePost`.)
 */
export const twitterShareRules: ShareNetworkRules = {
  // X counts some characters double (CJK, emoji) and every URL as 23; code points are the
  // sandbox's simplification and undercount those, so a borderline text may still be refused.
  maxLength: 280,
  ownPostsQuery: (handle) => {
    const bare = handle.replace(/^@/, "");
    return X_HANDLE.test(bare) ? `from:${bare}` : null;
  },
  isDuplicatePost: (error) => {
    if (!(error instanceof ApiResponseError) || error.code !== 403) return false;
    const detail = (error.data as { detail?: unknown } | undefined)?.detail;
    return typeof detail === "string" && /duplicate content/i.test(detail);
  },
};
