import type { Network, SourceKind } from "../db/generated/enums";
import type { DecryptedChannelConnection } from "../modules/channels/channel-credentials";

/**
 * The interface a network that searches, looks up and publishes implements. Generic code
 * (scheduler, ingest, share, refresh, deletions) talks to this and never names a network; each
 * provider declares its own limits and maps its errors onto the small set of reactions the
 * pipeline knows (see pipeline/sync/sync-policy.ts for what each reaction does to sync state).
 */
export interface SocialProvider {
  readonly network: Network;
  readonly limits: ProviderLimits;
  /** The network's search query for one listening source, or null for a kind its search does not handle. */
  searchTerm(source: { kind: SourceKind; value: string }): string | null;
  /**
   * The app-level credential calls with the tenant's channel connection need (e.g. X: the stored
   * bearer token, or one exchanged from client id + secret and cached per process).
   */
  appAuth(connection: DecryptedChannelConnection): Promise<AppAuth>;
  /** After the network refused the app credential: forget any cached one so the next run gets a new one. */
  forgetAppAuth(connectionId: string): void;
  /** One page of posts matching a query, newest first, strictly newer than `sinceId`. */
  searchMentions(auth: AppAuth, request: SearchRequest): Promise<MentionPage>;
  /** Current profile data (handle, follower counts) for up to `limits.usersPerLookup` ids. */
  lookupUsers(auth: AppAuth, externalUserIds: string[]): Promise<SocialUser[]>;
  /** Which of these post ids still exist upstream (deleted ones are reversed), with the lookup allowance left. */
  lookupExistingPosts(auth: AppAuth, externalPostIds: string[]): Promise<PostLookup>;
  /** Posts on a user's behalf with their own token. */
  publish(auth: UserAuth, text: string): Promise<{ externalId: string }>;
  /** Posts a reply threaded under another post, with the replying account's own token (the brand's, from the inbox). */
  reply(auth: UserAuth, text: string, inReplyToExternalId: string): Promise<{ externalId: string }>;
  refreshUserToken(refreshToken: string): Promise<UserTokens>;
  /** What the pipeline should do about a failure. */
  classifyError(error: unknown): ClassifiedError;
}

export interface ProviderLimits {
  maxResultsPerPage: number;
  usersPerLookup: number;
  postsPerLookup: number;
  /** How far back a cursor may point before the API refuses it. */
  cursorMaxAgeMs: number;
}

export interface AppAuth {
  bearerToken: string;
}

export interface UserAuth {
  accessToken: string;
}

export interface UserTokens {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: Date | null;
  scopes: string[];
}

export interface SearchRequest {
  query: string;
  sinceId: string | null;
  pageToken: string | null;
  maxResults: number;
}

export interface SocialUser {
  externalId: string;
  handle: string;
  name: string;
  followers: number;
  following: number;
}

export interface FetchedMention {
  externalId: string;
  text: string;
  url: string;
  lang: string | null;
  postedAt: Date;
  author: SocialUser;
  isRetweet: boolean;
  isReply: boolean;
  metrics: { likes: number; reposts: number; replies: number; quotes: number };
  /** A check-in's venue (network id): the mention is tied to the tenant's Location with that venue. */
  venueExternalId?: string | null;
}

export interface RateLimitState {
  limit: number;
  remaining: number;
  resetAt: Date;
}

export interface PostLookup {
  existing: Set<string>;
  /** The allowance of the lookup endpoint after this call, from the response headers. */
  rateLimit: RateLimitState | null;
}

export interface MentionPage {
  mentions: FetchedMention[];
  /** Present when older pages remain for this query window. */
  nextPageToken: string | null;
  /** The newest id in the result (the page-1 value becomes the source's next cursor). */
  newestId: string | null;
  rateLimit: RateLimitState | null;
}

export type ProviderErrorKind =
  /**
   * Out of budget: wait until `retryAt`, do not count as a failure. Set `retryAt` only when the
   * network said when; without it the pipeline's one default applies (DEFAULT_THROTTLE_MS).
   */
  | "RATE_LIMITED"
  /** Network trouble or a 5xx: retry with backoff. */
  | "TRANSIENT"
  /** The user's token expired: refresh it, then retry. */
  | "REFRESH_TOKEN"
  /** Credentials revoked or invalid: mark the connection "needs reconnect", stop polling it. */
  | "RECONNECT"
  /** The cursor is too old for the API: reset it and poll again. */
  | "CURSOR_EXPIRED"
  /** Our request is wrong: log it, do not retry. */
  | "BAD_REQUEST";

export interface ClassifiedError {
  kind: ProviderErrorKind;
  message: string;
  retryAt?: Date;
}

/**
 * The network refused one post for what it says (duplicate text, a deleted or hidden parent), not
 * for the account's grant: that post fails, the account stays usable. `detail` is the network's
 * own sentence, safe to show staff (it carries no token).
 */
export class PostRefusedError extends Error {
  override name = "PostRefusedError";
  constructor(readonly detail: string) {
    super(detail);
  }
}

/** Exhaustiveness helper for switches over ProviderErrorKind. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${String(value)}`);
}
