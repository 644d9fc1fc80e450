import type { AccountLinking } from "../account-linking";
import { createFoursquareClient, type FoursquareClient } from "./foursquare-client";
import { classifyFoursquareError } from "./foursquare-errors";
import { foursquareUserToSocialUser } from "./foursquare-mapping";

/** The customer waits on these calls in the browser: a hung Foursquare must not hold the callback. */
const REQUEST_TIMEOUT_MS = 10_000;

/** Built per use: FOURSQUARE_API_BASE_URL (the sandbox in development and tests) is read each time. */
function linkingClient(): FoursquareClient {
  return createFoursquareClient({
    fetch: (input, init) => fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
  });
}

/**
 * Foursquare's classic OAuth 2.0 code flow (legacy v2, social-apis.md §3.2) through the app's own
 * client (foursquare-client.ts): the browser goes to /oauth2/authenticate, the code comes back to
 * the portal's callback and is exchanged at /oauth2/access_token with the app's client id and
 * secret. No PKCE, no scopes, no refresh token: the user token never expires. The account is read
 * from /v2/users/self. Foursquare has no endpoint for an app to revoke a token (only the user can,
 * in their Foursquare settings), so unlinking deletes our copy and says so.
 */
export const foursquareAccountLinking: AccountLinking = {
  readScopes: [],
  // Megaphone posts nothing on Foursquare: the portal offers no posting consent there.
  postScopes: null,
  whatIsRead: [
    "your Foursquare user id, first and last name",
    "your check-ins at this brand's venues (they earn you points); check-ins anywhere else are never stored",
  ],
  unlinkNote:
    "You can unlink at any time: we then delete our copy of the access. Foursquare gives apps no way to revoke it themselves, so you may also remove the app in your Foursquare settings.",

  authorizationLink({ redirectUri, state }) {
    return { url: linkingClient().authorizeUrl(redirectUri, state), codeVerifier: null };
  },

  async exchangeCode({ code, redirectUri }) {
    const client = linkingClient();
    const accessToken = await client.exchangeCode(code, redirectUri);
    const self = await client.getSelf(accessToken);
    return {
      tokens: { accessToken, refreshToken: null, expiresAt: null, scopes: [] },
      account: foursquareUserToSocialUser(self),
    };
  },

  revokeToken: null,

  accountName: ({ handle, displayName }) => (displayName?.trim() ? displayName.trim() : `Foursquare user ${handle}`),

  postUrl: () => null,

  classifyError: (error) => classifyFoursquareError(error),
};
