import type { ClassifiedError, SocialUser, UserTokens } from "./social-provider";

/**
 * How a customer links their own account on a network from the portal (OAuth authorization code,
 * with PKCE where the network has it). Generic code (src/server/modules/portal/accounts) talks to
 * this through the registry and never names a network.
 */
export interface AccountLinking {
  /** What reading needs; always asked for (empty for a network without scopes). */
  readonly readScopes: readonly string[];
  /**
   * What posting on the customer's behalf needs; asked for only when they tick "may post". Null:
   * the portal does not offer posting on this network, so there is no box to tick.
   */
  readonly postScopes: readonly string[] | null;
  /** What Megaphone reads with the grant, in words, shown before the customer leaves the portal. */
  readonly whatIsRead: readonly string[];
  /** What unlinking does at the network, in words, shown on the consent step. */
  readonly unlinkNote: string;
  /**
   * The network's consent page to send the browser to, and the PKCE verifier to keep server-side
   * (null for a network without PKCE: its code is exchanged with the app's client secret).
   */
  authorizationLink(request: { redirectUri: string; state: string; scopes: string[] }): { url: string; codeVerifier: string | null };
  /** Exchanges the code for tokens and reads the account they belong to. */
  exchangeCode(request: { code: string; codeVerifier: string | null; redirectUri: string }): Promise<{ tokens: UserTokens; account: SocialUser }>;
  /** Revokes a token at the network (unlink); null when the network offers apps no way to revoke. */
  readonly revokeToken: ((token: string, kind: "access" | "refresh") => Promise<void>) | null;
  /** How the customer's account is named to them ("@name" on X; Foursquare has no usernames). */
  accountName(profile: { handle: string; displayName: string | null }): string;
  /** The public address of a post made on the customer's behalf, or null when it cannot be built. */
  postUrl(handle: string, externalPostId: string): string | null;
  classifyError(error: unknown): ClassifiedError;
}

/** The posting consent can be given on this network, and this grant carries what posting needs. */
export function grantAllowsPosting(linking: AccountLinking, grantedScopes: readonly string[]): boolean {
  return linking.postScopes !== null && linking.postScopes.every((scope) => grantedScopes.includes(scope));
}
