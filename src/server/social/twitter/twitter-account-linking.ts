import type { AccountLinking } from "../account-linking";
import { createTwitterOAuth2Client } from "./twitter-client";
import { classifyTwitterError } from "./twitter-errors";
import { toSocialUser } from "./twitter-mapping";

/**
 * X's OAuth 2.0 authorization code flow with PKCE through twitter-api-v2 (generateOAuth2AuthLink,
 * loginWithOAuth2, revokeOAuth2Token). With TWITTER_API_BASE_URL set, every URL, the consent page
 * included, points at the sandbox (twitter-client.ts); unset, at x.com / api.x.com.
 */
export const twitterAccountLinking: AccountLinking = {
  // offline.access: a refresh token, so posting keeps working after the 2-hour access token.
  readScopes: ["tweet.read", "users.read", "offline.access"],
  postScopes: ["tweet.write"],
  whatIsRead: ["your X username, display name and follower count", "your public posts that mention the brand (they earn you points)"],
  unlinkNote: "You can unlink at any time; that revokes the access at X.",

  authorizationLink({ redirectUri, state, scopes }) {
    const link = createTwitterOAuth2Client().generateOAuth2AuthLink(redirectUri, { scope: scopes, state });
    return { url: link.url, codeVerifier: link.codeVerifier };
  },

  async exchangeCode({ code, codeVerifier, redirectUri }) {
    // X's flow always has PKCE (authorizationLink above keeps a verifier for every attempt).
    if (!codeVerifier) throw new Error("X code exchange without a PKCE verifier");
    const login = await createTwitterOAuth2Client().loginWithOAuth2({ code, codeVerifier, redirectUri });
    const me = await login.client.v2.me({ "user.fields": ["public_metrics", "name", "username"] });
    return {
      tokens: {
        accessToken: login.accessToken,
        refreshToken: login.refreshToken ?? null,
        expiresAt: login.expiresIn ? new Date(Date.now() + login.expiresIn * 1000) : null,
        scopes: login.scope,
      },
      account: toSocialUser(me.data),
    };
  },

  async revokeToken(token, kind) {
    await createTwitterOAuth2Client().revokeOAuth2Token(token, kind === "access" ? "access_token" : "refresh_token");
  },

  accountName: ({ handle }) => `@${handle}`,

  postUrl(handle, externalPostId) {
    const bare = handle.replace(/^@/, "");
    return /^[A-Za-z0-9_]{1,15}$/.test(bare) && /^[0-9]{1,25}$/.test(externalPostId) ? `https://x.com/${bare}/status/${externalPostId}` : null;
  },

  classifyError: (error) => classifyTwitterError(error),
};
