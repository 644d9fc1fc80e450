/**
 * What posting on a customer's behalf needs to know about a network beyond SocialProvider: how
 * long a post may be, how to find a user's own recent posts with the app's search, and how the
 * network says "you already posted this text". Each network folder declares its own; generic
 * sharing code reads them through the registry and never names a network.
 */
export interface ShareNetworkRules {
  /** Longest text the network accepts, counted in code points; null when unknown. */
  maxLength: number | null;
  /** A search query that matches the user's own recent posts, or null when there is none. */
  ownPostsQuery(handle: string): string | null;
  /** True when a publish error means "this user already has a live post with this text". */
  isDuplicatePost(error: unknown): boolean;
}

/** For networks nothing is posted to. */
export const NO_SHARE_RULES: ShareNetworkRules = {
  maxLength: null,
  ownPostsQuery: () => null,
  isDuplicatePost: () => false,
};
