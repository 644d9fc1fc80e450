/** Records the sandbox keeps in memory. Field names follow the X data dictionary where they map 1:1. */
export interface SandboxUser {
  id: string;
  username: string;
  /** Lowercased username, used by from:/to:/@mention matching. */
  usernameLower: string;
  name: string;
  createdAt: number;
  description: string;
  location: string | undefined;
  url: string | undefined;
  verified: boolean;
  protected: boolean;
  followersCount: number;
  followingCount: number;
  tweetCount: number;
  listedCount: number;
  likeCount: number;
  profileImageUrl: string;
}

export type PostKind = "original" | "retweet" | "reply" | "quote";
export type Sentiment = "positive" | "neutral" | "negative";

export interface PostMetrics {
  retweet_count: number;
  reply_count: number;
  like_count: number;
  quote_count: number;
  bookmark_count: number;
  impression_count: number;
}

export interface SandboxPost {
  /** Decimal snowflake id. */
  id: string;
  /** Creation time in ms; also the high part of the id. */
  ms: number;
  /** Low 22 bits of the id. */
  seq: number;
  text: string;
  /** foldForSearch(text), precomputed so a query scan never re-lowercases. */
  norm: string;
  author: SandboxUser;
  kind: PostKind;
  /** Id of the retweeted, replied-to or quoted post. */
  refId: string | undefined;
  /** Author of the referenced post (to:, retweets_of:, in_reply_to_user_id). */
  refAuthor: SandboxUser | undefined;
  conversationId: string;
  lang: string;
  flags: number;
  deleted: boolean;
  /** Ground truth of the generator, exposed only through the admin API. */
  sentiment: Sentiment | undefined;
  source: string;
  metrics: PostMetrics | undefined;
  /** Users who liked the post (set through the admin API), newest like first. */
  likedBy?: SandboxUser[];
  /** One-slot cache of the serialized API object, keyed by field selection (see x-timeline). */
  renderKey: string | undefined;
  renderJson: string | undefined;
}

export interface DeletionEvent {
  tweet_id: string;
  author_id: string;
  event_at: string;
}
