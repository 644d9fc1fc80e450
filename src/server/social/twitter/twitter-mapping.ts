import type { TweetV2, TwitterRateLimit, UserV2 } from "twitter-api-v2";
import type { FetchedMention, RateLimitState, SocialUser } from "../social-provider";

export const TWEET_FIELDS = ["author_id", "created_at", "lang", "public_metrics", "referenced_tweets", "entities"] as const;
export const USER_FIELDS = ["username", "name", "public_metrics"] as const;

export function toSocialUser(user: UserV2): SocialUser {
  return {
    externalId: user.id,
    handle: user.username,
    name: user.name,
    followers: Math.max(0, user.public_metrics?.followers_count ?? 0),
    following: Math.max(0, user.public_metrics?.following_count ?? 0),
  };
}

/** A tweet with its expanded author; null when the author is missing from `includes` (deleted). */
export function toFetchedMention(tweet: TweetV2, authors: Map<string, UserV2>): FetchedMention | null {
  const author = tweet.author_id ? authors.get(tweet.author_id) : undefined;
  if (!author || !tweet.created_at) return null;
  const postedAt = new Date(tweet.created_at);
  if (Number.isNaN(postedAt.getTime())) return null;
  const refs = tweet.referenced_tweets ?? [];
  return {
    externalId: tweet.id,
    text: tweet.text,
    url: `https://x.com/${author.username}/status/${tweet.id}`,
    lang: tweet.lang ?? null,
    postedAt,
    author: toSocialUser(author),
    isRetweet: refs.some((r) => r.type === "retweeted"),
    isReply: refs.some((r) => r.type === "replied_to"),
    metrics: {
      likes: tweet.public_metrics?.like_count ?? 0,
      reposts: tweet.public_metrics?.retweet_count ?? 0,
      replies: tweet.public_metrics?.reply_count ?? 0,
      quotes: tweet.public_metrics?.quote_count ?? 0,
    },
  };
}

export function toRateLimitState(rateLimit: TwitterRateLimit | undefined): RateLimitState | null {
  if (!rateLimit) return null;
  return { limit: rateLimit.limit, remaining: rateLimit.remaining, resetAt: new Date(rateLimit.reset * 1000) };
}
