import { ApiResponseError, type TweetV2LookupResult, type UserV2 } from "twitter-api-v2";
import {
  PostRefusedError,
  type AppAuth,
  type MentionPage,
  type PostLookup,
  type SearchRequest,
  type SocialProvider,
  type SocialUser,
  type UserAuth,
  type UserTokens,
} from "../social-provider";
import { forgetTwitterAppAuth, twitterAppAuth } from "./twitter-app-auth";
import { twitterSearchTerm } from "./twitter-search-query";
import { createTwitterAppClient, createTwitterOAuth2Client, createTwitterUserClient } from "./twitter-client";
import { classifyTwitterError } from "./twitter-errors";
import { TWEET_FIELDS, toFetchedMention, toRateLimitState, toSocialUser, USER_FIELDS } from "./twitter-mapping";

/** X (Twitter) API v2 through the real twitter-api-v2 client (pointed at the sandbox by config). */
export const twitterProvider: SocialProvider = {
  network: "TWITTER",
  limits: {
    maxResultsPerPage: 100,
    usersPerLookup: 100,
    postsPerLookup: 100,
    cursorMaxAgeMs: 7 * 24 * 3600 * 1000,
  },

  searchTerm: twitterSearchTerm,
  appAuth: twitterAppAuth,
  forgetAppAuth: forgetTwitterAppAuth,

  async searchMentions(auth: AppAuth, request: SearchRequest): Promise<MentionPage> {
    const client = createTwitterAppClient(auth.bearerToken).v2;
    const page = await client.search(request.query, {
      max_results: Math.min(100, Math.max(10, request.maxResults)),
      ...(request.sinceId ? { since_id: request.sinceId } : {}),
      ...(request.pageToken ? { next_token: request.pageToken } : {}),
      expansions: ["author_id"],
      "tweet.fields": [...TWEET_FIELDS],
      "user.fields": [...USER_FIELDS],
    });
    const authors = new Map<string, UserV2>((page.includes?.users ?? []).map((u) => [u.id, u]));
    const mentions = (page.data.data ?? []).map((t) => toFetchedMention(t, authors)).filter((m) => m !== null);
    return {
      mentions,
      nextPageToken: page.meta.next_token ?? null,
      newestId: page.meta.newest_id ?? null,
      rateLimit: toRateLimitState(page.rateLimit),
    };
  },

  async lookupUsers(auth: AppAuth, ids: string[]): Promise<SocialUser[]> {
    if (ids.length === 0) return [];
    const result = await createTwitterAppClient(auth.bearerToken).v2.users(ids.slice(0, 100), { "user.fields": [...USER_FIELDS] });
    return (result.data ?? []).map(toSocialUser);
  },

  async lookupExistingPosts(auth: AppAuth, ids: string[]): Promise<PostLookup> {
    if (ids.length === 0) return { existing: new Set(), rateLimit: null };
    // fullResponse: the same GET /2/tweets?ids= as v2.tweets(), plus this response's x-rate-limit-* headers.
    const result = await createTwitterAppClient(auth.bearerToken).v2.get<TweetV2LookupResult>(
      "tweets",
      { ids: ids.slice(0, 100).join(","), "tweet.fields": "id" },
      { fullResponse: true },
    );
    return { existing: new Set((result.data.data ?? []).map((t) => t.id)), rateLimit: toRateLimitState(result.rateLimit) };
  },

  async publish(auth: UserAuth, text: string) {
    const result = await createTwitterUserClient(auth.accessToken).v2.tweet(text);
    return { externalId: result.data.id };
  },

  async reply(auth: UserAuth, text: string, inReplyToExternalId: string) {
    try {
      const result = await createTwitterUserClient(auth.accessToken).v2.reply(text, inReplyToExternalId);
      return { externalId: result.data.id };
    } catch (error) {
      // On a write, X's 403 names the post's problem (duplicate text, a parent deleted or not
      // visible) in `detail`; its generic "not permitted" is the grant's problem (a scope missing,
      // access revoked) and stays a RECONNECT.
      const detail = error instanceof ApiResponseError && error.code === 403 ? (error.data as { detail?: unknown }).detail : undefined;
      if (typeof detail === "string" && detail.trim() && !/not permitted to perform this action/i.test(detail)) {
        throw new PostRefusedError(detail.slice(0, 300));
      }
      throw error;
    }
  },

  async refreshUserToken(refreshToken: string): Promise<UserTokens> {
    const result = await createTwitterOAuth2Client().refreshOAuth2Token(refreshToken);
    return {
      accessToken: result.accessToken,
      refreshToken: result.refreshToken ?? null,
      expiresAt: result.expiresIn ? new Date(Date.now() + result.expiresIn * 1000) : null,
      scopes: result.scope,
    };
  },

  classifyError: (error) => classifyTwitterError(error),
};
