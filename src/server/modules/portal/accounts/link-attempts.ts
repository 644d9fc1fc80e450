import { assertCustomerActs, systemContext, type CustomerContext } from "../../../auth/tenant-context";
import { hashEmailedToken, newEmailedToken } from "../../../crypto/emailed-token";
import { decryptSecret, encryptSecret, secretAad } from "../../../crypto/secret-box";
import { getDb } from "../../../db/client";
import type { Network } from "../../../db/generated/enums";
import { ZodError } from "zod";
import { AppError } from "../../../errors";
import { getLogger } from "../../../logger";
import { grantAllowsPosting } from "../../../social/account-linking";
import { getAccountLinking } from "../../../social/provider-registry";
import type { SocialUser, UserTokens } from "../../../social/social-provider";
import { linkSocialProfile } from "../../mentions/prospects/link-social-profile";
import { ZLinkCallback, ZStartAccountLink, type LinkCallback, type LinkFailure, type StartAccountLinkInput } from "./accounts.schemas";
import { LINK_ATTEMPT_TTL_MS, LINK_POLICY_VERSION } from "./link-policy";

/**
 * "Connect <network>" from the portal, in two halves around the network's consent page.
 *
 * start: after the customer read what will be read and chose whether the brand may post (where
 * the network offers posting), a random state (only its hash is stored) and the PKCE verifier
 * (sealed; none for a network without PKCE, Foursquare) are kept in an
 * AccountLinkAttempt bound to the brand, the customer and the portal session; the browser goes
 * to the network with the state.
 *
 * finish (the callback): the attempt must be this brand's, this customer's, from this session,
 * unused and younger than 10 minutes; it is spent before anything else, so a state works once.
 * Then the code is exchanged and the account read, and only then is anything linked: one
 * transaction (linkSocialProfile) records the consent, links the profile with its sealed tokens,
 * pays the link rule once per account ever and credits earlier prospect mentions. Any failure
 * before that transaction writes nothing but the spent attempt.
 */

export type LinkOutcome =
  { ok: true; profileId: string; network: Network; handle: string; linkPoints: number; earlierMentionPoints: number } | { ok: false; failure: LinkFailure };

const verifierAad = (tenantId: string, stateHash: string) => secretAad({ tenantId, entity: "AccountLinkAttempt", rowId: stateHash, field: "codeVerifier" });

export async function startAccountLink(
  cctx: CustomerContext,
  raw: StartAccountLinkInput,
  session: { token: string; redirectUri: string },
  now = new Date(),
): Promise<{ url: string }> {
  assertCustomerActs(cctx);
  const input = ZStartAccountLink.parse(raw);
  const linking = getAccountLinking(input.network);
  if (input.allowPosting && linking.postScopes === null) throw new AppError("BAD_REQUEST", "posting on this network is not offered");
  const scopes = [...linking.readScopes, ...(input.allowPosting ? (linking.postScopes ?? []) : [])];
  const { token: state, tokenHash: stateHash } = newEmailedToken();
  const { url, codeVerifier } = linking.authorizationLink({ redirectUri: session.redirectUri, state, scopes });
  await getDb().accountLinkAttempt.create({
    data: {
      tenantId: cctx.tenantId,
      customerId: cctx.customerId,
      sessionTokenHash: hashEmailedToken(session.token),
      network: input.network,
      stateHash,
      codeVerifierCiphertext: codeVerifier === null ? null : encryptSecret(codeVerifier, verifierAad(cctx.tenantId, stateHash)),
      scopes,
      allowPosting: input.allowPosting,
      createdAt: now,
      expiresAt: new Date(now.getTime() + LINK_ATTEMPT_TTL_MS),
    },
  });
  return { url };
}

/** Spends the attempt this state names, if it is this customer's, from this session, live and unused. */
async function spendAttempt(cctx: CustomerContext, sessionToken: string, state: string, now: Date) {
  const stateHash = hashEmailedToken(state);
  const attempt = await getDb().accountLinkAttempt.findUnique({ where: { tenantId_stateHash: { tenantId: cctx.tenantId, stateHash } } });
  if (!attempt || attempt.customerId !== cctx.customerId || attempt.sessionTokenHash !== hashEmailedToken(sessionToken)) return null;
  const spent = await getDb().accountLinkAttempt.updateMany({
    where: { tenantId: cctx.tenantId, id: attempt.id, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  return spent.count === 1 ? attempt : null;
}

export async function finishAccountLink(
  cctx: CustomerContext,
  raw: LinkCallback,
  session: { token: string; redirectUri: string },
  now = new Date(),
): Promise<LinkOutcome> {
  assertCustomerActs(cctx);
  const callback = ZLinkCallback.parse(raw);
  const attempt = callback.state ? await spendAttempt(cctx, session.token, callback.state, now) : null;
  if (!attempt) return { ok: false, failure: "state" };
  if (callback.error) return { ok: false, failure: callback.error === "access_denied" ? "denied" : "refused" };
  if (!callback.code) return { ok: false, failure: "refused" };

  const linking = getAccountLinking(attempt.network);
  const codeVerifier =
    attempt.codeVerifierCiphertext === null ? null : decryptSecret(attempt.codeVerifierCiphertext, verifierAad(cctx.tenantId, attempt.stateHash));
  let granted: { tokens: UserTokens; account: SocialUser };
  try {
    granted = await linking.exchangeCode({ code: callback.code, codeVerifier, redirectUri: session.redirectUri });
  } catch (error) {
    const classified = linking.classifyError(error);
    getLogger().warn({ tenantId: cctx.tenantId, network: attempt.network, kind: classified.kind }, "account link: code exchange failed");
    return { ok: false, failure: classified.kind === "TRANSIENT" || classified.kind === "RATE_LIMITED" ? "network" : "refused" };
  }

  const { tokens, account } = granted;
  const canPost = grantAllowsPosting(linking, tokens.scopes);
  try {
    // The customer acts for themselves; the linking domain is staff-shaped (customers:write), so
    // it runs with a system context for this brand, and customerId is the session's, never input.
    const linked = await linkSocialProfile(
      systemContext(cctx.tenantId, cctx.tenantSlug),
      {
        customerId: cctx.customerId,
        network: attempt.network,
        externalUserId: account.externalId,
        handle: account.handle,
        displayName: account.name,
        followers: account.followers,
        consent: { scopes: tokens.scopes, allowPosting: attempt.allowPosting && canPost, policyVersion: LINK_POLICY_VERSION },
      },
      now,
      { tokens },
    );
    return {
      ok: true,
      profileId: linked.socialProfile.id,
      network: attempt.network,
      handle: linked.socialProfile.handle,
      linkPoints: linked.linkAward.pointsAwarded,
      earlierMentionPoints: linked.earlierMentions.pointsAwarded,
    };
  } catch (error) {
    // Nothing was linked: the grant we were just given is of no use, so it is given back where
    // the network lets an app do that (Foursquare does not: the token is simply not kept).
    await linking.revokeToken?.(tokens.refreshToken ?? tokens.accessToken, tokens.refreshToken ? "refresh" : "access").catch((err: unknown) => {
      getLogger().warn({ err: err instanceof Error ? err.name : "error", tenantId: cctx.tenantId }, "account link: revoking an unused grant failed");
    });
    if (error instanceof AppError && error.code === "CONFLICT") return { ok: false, failure: "conflict" };
    if (error instanceof AppError && error.code === "BAD_REQUEST") return { ok: false, failure: "unavailable" };
    // The network's account data did not pass the linking schema (an id or handle we cannot store).
    if (error instanceof ZodError) return { ok: false, failure: "refused" };
    // Anything else rolled the linking transaction back: nothing was written; the customer is told so.
    getLogger().error(
      { err: error instanceof AppError ? error.code : error instanceof Error ? error.name : "error", tenantId: cctx.tenantId, network: attempt.network },
      "account link: linking failed",
    );
    return { ok: false, failure: "failed" };
  }
}
