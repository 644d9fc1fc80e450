/**
 * Field selection and object rendering for Tweets and Users (X data dictionary, spec v2.166).
 * Unknown field names are 400s with X's "is not one of [...]" message; valid fields the sandbox
 * has no data for are simply omitted, as X omits empty fields.
 */
import type { SandboxPost, SandboxUser } from "../store/store-types";
import { extractEntities } from "./text-entities";
import { invalidParam } from "./x-problems";

export const TWEET_FIELDS = [
  "article",
  "attachments",
  "author_id",
  "card_uri",
  "community_id",
  "context_annotations",
  "conversation_id",
  "created_at",
  "display_text_range",
  "edit_controls",
  "edit_history_tweet_ids",
  "entities",
  "geo",
  "id",
  "in_reply_to_user_id",
  "lang",
  "matched_media_notes",
  "media_metadata",
  "non_public_metrics",
  "note_request_suggestions",
  "note_tweet",
  "organic_metrics",
  "paid_partnership",
  "possibly_sensitive",
  "promoted_metrics",
  "public_metrics",
  "referenced_tweets",
  "reply_settings",
  "scopes",
  "source",
  "suggested_source_links",
  "suggested_source_links_with_counts",
  "text",
  "withheld",
];
export const USER_FIELDS = [
  "affiliation",
  "confirmed_email",
  "connection_status",
  "created_at",
  "description",
  "entities",
  "id",
  "is_identity_verified",
  "location",
  "most_recent_tweet_id",
  "name",
  "parody",
  "pinned_tweet_id",
  "profile_banner_url",
  "profile_image_url",
  "protected",
  "public_metrics",
  "receives_your_dm",
  "subscription",
  "subscription_type",
  "url",
  "username",
  "verified",
  "verified_followers_count",
  "verified_type",
  "withheld",
];
export const TWEET_EXPANSIONS = [
  "article.cover_media",
  "article.media_entities",
  "attachments.media_keys",
  "attachments.media_source_tweet",
  "attachments.poll_ids",
  "author_id",
  "edit_history_tweet_ids",
  "entities.mentions.username",
  "entities.note.mentions.username",
  "geo.place_id",
  "in_reply_to_user_id",
  "referenced_tweets.id",
  "referenced_tweets.id.attachments.media_keys",
  "referenced_tweets.id.author_id",
];
export const USER_EXPANSIONS = ["affiliation.user_id", "most_recent_tweet_id", "pinned_tweet_id"];
export const MEDIA_FIELDS = [
  "alt_text",
  "duration_ms",
  "height",
  "media_key",
  "non_public_metrics",
  "organic_metrics",
  "preview_image_url",
  "promoted_metrics",
  "public_metrics",
  "type",
  "url",
  "variants",
  "width",
];
export const PLACE_FIELDS = ["contained_within", "country", "country_code", "full_name", "geo", "id", "name", "place_type"];
export const POLL_FIELDS = ["duration_minutes", "end_datetime", "id", "options", "voting_status"];

/** Parses a comma-separated list parameter and validates each value against `allowed`. */
export function listParam(query: URLSearchParams, name: string, allowed: readonly string[], alias?: string): Set<string> {
  const raw = query.get(name) ?? (alias ? query.get(alias) : null);
  const out = new Set<string>();
  if (raw === null || raw === "") return out;
  for (const v of raw.split(",")) {
    if (!allowed.includes(v)) {
      throw invalidParam(name, v, `The \`${name}\` query parameter value [${v}] is not one of [${[...allowed].sort().join(",")}]`);
    }
    out.add(v);
  }
  return out;
}

export interface FieldSelection {
  tweet: Set<string>;
  user: Set<string>;
  expansions: Set<string>;
}

/**
 * An expansion also puts its linking field on each tweet (X does: `expansions=author_id` alone
 * yields `author_id` on every tweet), so clients can join data to includes.
 */
const EXPANSION_LINK_FIELDS: Record<string, string> = {
  author_id: "author_id",
  in_reply_to_user_id: "in_reply_to_user_id",
  "referenced_tweets.id": "referenced_tweets",
  "referenced_tweets.id.author_id": "referenced_tweets",
};

export function tweetFieldSelection(query: URLSearchParams): FieldSelection {
  listParam(query, "media.fields", MEDIA_FIELDS);
  listParam(query, "place.fields", PLACE_FIELDS);
  listParam(query, "poll.fields", POLL_FIELDS);
  const tweet = listParam(query, "tweet.fields", TWEET_FIELDS, "post.fields");
  const expansions = listParam(query, "expansions", TWEET_EXPANSIONS);
  for (const e of expansions) {
    const link = EXPANSION_LINK_FIELDS[e];
    if (link) tweet.add(link);
  }
  return { tweet, user: listParam(query, "user.fields", USER_FIELDS), expansions };
}

export function userFieldSelection(query: URLSearchParams): FieldSelection {
  return {
    tweet: listParam(query, "tweet.fields", TWEET_FIELDS, "post.fields"),
    user: listParam(query, "user.fields", USER_FIELDS),
    expansions: listParam(query, "expansions", USER_EXPANSIONS),
  };
}

export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

/** Deterministic engagement numbers derived from the id, unless the post carries its own. */
function metricsFor(post: SandboxPost) {
  if (post.metrics) return post.metrics;
  let h = post.seq * 2654435761 + post.ms;
  const next = (mod: number): number => {
    h = (Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) + 0x6b43a9b5) >>> 0;
    return h % mod;
  };
  const reach = Math.max(1, Math.round(Math.sqrt(post.author.followersCount + 1)));
  return {
    retweet_count: post.kind === "retweet" ? 0 : next(reach) >> 3,
    reply_count: next(reach) >> 4,
    like_count: next(reach * 2) >> 1,
    quote_count: next(reach) >> 5,
    bookmark_count: next(reach) >> 5,
    impression_count: post.author.followersCount > 0 ? next(post.author.followersCount * 2 + 10) : next(50),
  };
}

export type Resolver = (username: string) => SandboxUser | undefined;

export function renderTweet(post: SandboxPost, fields: Set<string>, resolve: Resolver): Record<string, unknown> {
  const out: Record<string, unknown> = { id: post.id, text: post.text, edit_history_tweet_ids: [post.id] };
  if (fields.size === 0) return out;
  if (fields.has("author_id")) out.author_id = post.author.id;
  if (fields.has("created_at")) out.created_at = isoSeconds(post.ms);
  if (fields.has("conversation_id")) out.conversation_id = post.conversationId;
  if (fields.has("lang")) out.lang = post.lang;
  if (fields.has("source")) out.source = post.source;
  if (fields.has("possibly_sensitive")) out.possibly_sensitive = false;
  if (fields.has("reply_settings")) out.reply_settings = "everyone";
  if (fields.has("public_metrics")) out.public_metrics = metricsFor(post);
  if (fields.has("in_reply_to_user_id") && post.kind === "reply" && post.refAuthor) out.in_reply_to_user_id = post.refAuthor.id;
  if (fields.has("referenced_tweets") && post.refId) {
    const type = post.kind === "retweet" ? "retweeted" : post.kind === "reply" ? "replied_to" : "quoted";
    out.referenced_tweets = [{ type, id: post.refId }];
  }
  if (fields.has("entities")) {
    const entities = extractEntities(post.text, (u) => resolve(u)?.id);
    if (Object.keys(entities).length > 0) out.entities = entities;
  }
  if (fields.has("edit_controls")) {
    out.edit_controls = { edits_remaining: 5, is_edit_eligible: post.kind !== "retweet", editable_until: isoSeconds(post.ms + 3600_000) };
  }
  if (fields.has("display_text_range")) out.display_text_range = [0, [...post.text].length];
  return out;
}

export function renderUser(user: SandboxUser, fields: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = { id: user.id, name: user.name, username: user.username };
  if (fields.size === 0) return out;
  if (fields.has("created_at")) out.created_at = isoSeconds(user.createdAt);
  if (fields.has("description")) out.description = user.description;
  if (fields.has("location") && user.location) out.location = user.location;
  if (fields.has("url")) out.url = user.url ?? "";
  if (fields.has("verified")) out.verified = user.verified;
  if (fields.has("verified_type")) out.verified_type = user.verified ? "blue" : "none";
  if (fields.has("protected")) out.protected = user.protected;
  if (fields.has("profile_image_url")) out.profile_image_url = user.profileImageUrl;
  if (fields.has("public_metrics")) {
    out.public_metrics = {
      followers_count: user.followersCount,
      following_count: user.followingCount,
      tweet_count: user.tweetCount,
      listed_count: user.listedCount,
      like_count: user.likeCount,
    };
  }
  return out;
}

/** Builds `includes` for a list of tweets: each expanded object once, in first-seen order. */
export function buildIncludes(
  posts: readonly SandboxPost[],
  sel: FieldSelection,
  resolve: Resolver,
  lookupPost: (id: string) => SandboxPost | undefined,
): Record<string, unknown> | undefined {
  const users = new Map<string, SandboxUser>();
  const tweets = new Map<string, SandboxPost>();
  const ex = sel.expansions;
  for (const p of posts) {
    if (ex.has("author_id")) users.set(p.author.id, p.author);
    if (ex.has("in_reply_to_user_id") && p.kind === "reply" && p.refAuthor) users.set(p.refAuthor.id, p.refAuthor);
    if (ex.has("entities.mentions.username")) {
      for (const m of extractEntities(p.text).mentions ?? []) {
        const u = resolve(m.username);
        if (u) users.set(u.id, u);
      }
    }
    if ((ex.has("referenced_tweets.id") || ex.has("referenced_tweets.id.author_id")) && p.refId) {
      const ref = lookupPost(p.refId);
      if (ref && !ref.deleted) {
        if (ex.has("referenced_tweets.id")) tweets.set(ref.id, ref);
        if (ex.has("referenced_tweets.id.author_id")) users.set(ref.author.id, ref.author);
      }
    }
  }
  const out: Record<string, unknown> = {};
  if (users.size > 0) out.users = [...users.values()].map((u) => renderUser(u, sel.user));
  if (tweets.size > 0) out.tweets = [...tweets.values()].map((t) => renderTweet(t, sel.tweet, resolve));
  return Object.keys(out).length > 0 ? out : undefined;
}
