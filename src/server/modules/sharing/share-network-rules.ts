import { ApiResponseError } from "twitter-api-v2";
import type { Network } from "../../db/generated/enums";

/**
 * What posting needs to know about each network beyond the SocialProvider interface: how long a
 * post may be, how to find a user's own recent posts with the app's search, and how the network
 * says "you already posted this text". Kept in one switch per network so generic sharing code
 * never names one. (Candidates to move into SocialProvider: `limits.maxPostLength`,
 * `ownPostsQuery`, and a DUPLICATE kind in `classifyError`, which today calls X's duplicate-content
 * 403 RECONNECT like any other 403.)
 */
export interface ShareNetworkRules {
  /** Longest text the network accepts, counted in code points; null when unknown. */
  maxLength: number | null;
  /** A search query that matches the user's own recent posts, or null when there is none. */
  ownPostsQuery(handle: string): string | null;
  /** True when a publish error means "this user already has a live post with this text". */
  isDuplicatePost(error: unknown): boolean;
}

const X_HANDLE = /^[A-Za-z0-9_]{1,15}$/;

const TWITTER_RULES: ShareNetworkRules = {
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

const NO_RULES: ShareNetworkRules = {
  maxLength: null,
  ownPostsQuery: () => null,
  isDuplicatePost: () => false,
};

export function shareRulesFor(network: Network): ShareNetworkRules {
  switch (network) {
    case "TWITTER":
      return TWITTER_RULES;
    case "FOURSQUARE":
      return NO_RULES;
    default: {
      const unreachable: never = network;
      throw new Error(`unknown network ${String(unreachable)}`);
    }
  }
}
