import type { ClassifiedError, SocialUser, UserTokens } from "./social-provider";

/**
 * How a customer links their own account on a network from the portal (OAuth authorization code,
 * with PKCE where the network has it). Generic code (src/server/modules/portal/accounts) talks to
 * this through the registry and never names a network.
 */
export interface AccountLinking {
  /** What reading needs; always asked for. */
  readonly readScopes: readonly string[];
  /** What posting on the customer's behalf needs; asked for only when they tick "may post". */
  readonly postScopes: readonly string[];
  /** What Megaphone reads with the grant, in words, shown before the customer leaves the portal. */
  readonly whatIsRead: readonly string[];
  /** The network's consent page to send the browser to, and the PKCE verifier to keep server-side. */
  authorizationLink(request: { redirectUri: string; state: string; scopes: string[] }): { url: string; codeVerifier: string };
  /** Exchanges the code for tokens and reads the account they belong to. */
  exchangeCode(request: { code: string; codeVerifier: string; redirectUri: string }): Promise<{ tokens: UserTokens; account: SocialUser }>;
  /** Revokes a token at the network (unlink). */
  revokeToken(token: string, kind: "access" | "refresh"): Promise<void>;
  /** The public address of a post made on the customer's behalf, or null when it cannot be built. */
  postUrl(handle: string, externalPostId: string): string | null;
  classifyError(error: unknown): ClassifiedError;
}
