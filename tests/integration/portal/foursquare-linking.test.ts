// "Connect Foursquare" from the portal: Foursquare's classic OAuth code flow (no PKCE, no scopes,
// a token that never expires) against the sandbox's consent page and token endpoint, through the
// same link flow as X (state hashed, bound, single use, 10 minutes). Foursquare has no posting and
// no token revocation: unlinking deletes our copy, withdraws the consent and stops counting the
// account's check-ins. Every failed link writes nothing but the spent attempt.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CustomerContext, TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { resetEnvCache } from "../../../src/server/env";
import { finishAccountLink, startAccountLink } from "../../../src/server/modules/portal/accounts/link-attempts";
import { linkableNetworkInfo, myLinkedAccounts } from "../../../src/server/modules/portal/accounts/my-accounts";
import { setAutoSharing } from "../../../src/server/modules/portal/accounts/sharing-preference";
import { unlinkMyAccount } from "../../../src/server/modules/portal/accounts/unlink-account";
import { resolveCustomerSession, startCustomerSession } from "../../../src/server/modules/portal/customer-sessions";
import { createPointRule } from "../../../src/server/modules/rules/point-rule.service";
import { openProfileToken } from "../../../src/server/modules/social-profiles/profile-tokens";
import { ingestPushedCheckin } from "../../../src/server/pipeline/checkins/ingest-pushed-checkin";
import { pollProfileCheckins } from "../../../src/server/pipeline/checkins/poll-checkins";
import type { SandboxHandle } from "../../../src/sandbox/start-sandbox";
import { sandboxCheckin, setUpCheckinListening, startCheckinSandbox } from "../pipeline/checkin-kit";
import { createTenantWithMember, makeCustomer } from "../support/factories";

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startCheckinSandbox();
});
afterAll(async () => {
  await sandbox.close();
  delete process.env.FOURSQUARE_API_BASE_URL;
  resetEnvCache();
});

const REDIRECT = "http://127.0.0.1:3999/r/brand/accounts/callback";
type Session = { token: string; redirectUri: string };
const LINK_POINTS = 30;

async function signIn(ctx: TenantContext, customerId: string): Promise<{ cctx: CustomerContext; session: Session }> {
  const issued = await getDb().$transaction((tx) => startCustomerSession(tx, ctx, customerId, new Date()));
  const cctx = await resolveCustomerSession(ctx, issued.token);
  if (!cctx) throw new Error("no session");
  return { cctx, session: { token: issued.token, redirectUri: REDIRECT } };
}

async function brandWithCustomer() {
  const { ctx } = await createTenantWithMember("OWNER");
  await createPointRule(ctx, { network: "FOURSQUARE", action: "LINK_ACCOUNT", name: "Link Foursquare", basePoints: LINK_POINTS, influenceCurve: "NONE" });
  const customer = await makeCustomer(ctx);
  return { ctx, customer, ...(await signIn(ctx, customer.id)) };
}

let seq = 0;
const swarmName = () => `swarm.${Date.now().toString(36)}${++seq}`;

/** The sandbox's Foursquare consent page, answered as a browser would (a form post): what Foursquare sends back. */
async function consentAt(url: string, decision: { approveAs: string } | "deny") {
  const params = Object.fromEntries(new URL(url).searchParams);
  const fields = decision === "deny" ? { ...params, decision: "deny" } : { ...params, decision: "approve", username: decision.approveAs };
  const res = await fetch(`${sandbox.url}/oauth2/authenticate`, { method: "POST", redirect: "manual", body: new URLSearchParams(fields) });
  expect(res.status).toBeGreaterThanOrEqual(300);
  const back = new URL(res.headers.get("location")!);
  expect(back.origin + back.pathname).toBe(REDIRECT);
  const get = (k: string) => back.searchParams.get(k) ?? undefined;
  return { state: get("state"), code: get("code"), error: get("error") };
}

const WITH_TOKENS = { omit: { accessTokenCiphertext: false, refreshTokenCiphertext: false } } as const;

async function written(ctx: TenantContext) {
  const db = getDb();
  return {
    profiles: await db.socialProfile.count({ where: { tenantId: ctx.tenantId } }),
    consents: await db.consentRecord.count({ where: { tenantId: ctx.tenantId, socialProfileId: { not: null } } }),
    linkEntries: await db.ledgerEntry.count({ where: { tenantId: ctx.tenantId, source: "LINK_ACCOUNT" } }),
  };
}
const NOTHING = { profiles: 0, consents: 0, linkEntries: 0 };

const balanceOf = async (ctx: TenantContext, customerId: string) =>
  (await getDb().pointBalance.findFirst({ where: { tenantId: ctx.tenantId, customerId } }))?.balance ?? 0;

async function linkAs(cctx: CustomerContext, session: Session, name: string, now?: Date) {
  const { url } = await startAccountLink(cctx, { network: "FOURSQUARE", allowPosting: false }, session, now);
  return finishAccountLink(cctx, await consentAt(url, { approveAs: name }), session, now);
}

describe("connecting Foursquare from the portal", () => {
  it("is offered beside X with its own consent words and no posting box", () => {
    const networks = linkableNetworkInfo();
    expect(networks.map((n) => [n.network, n.postingOffered])).toEqual([
      ["TWITTER", true],
      ["FOURSQUARE", false],
    ]);
    const fsq = networks[1]!;
    expect(fsq.whatIsRead.join(" ")).toContain("check-ins at this brand's venues");
    expect(fsq.unlinkNote).toContain("Foursquare gives apps no way to revoke");
  });

  it("links through the sandbox's consent page: classic code flow, token sealed, consent recorded, link rule paid, state spent", async () => {
    const { ctx, customer, cctx, session } = await brandWithCustomer();
    const name = swarmName();
    const { url } = await startAccountLink(cctx, { network: "FOURSQUARE", allowPosting: false }, session);
    const authenticate = new URL(url);
    expect(authenticate.origin + authenticate.pathname).toBe(`${sandbox.url}/oauth2/authenticate`);
    expect(Object.fromEntries(authenticate.searchParams)).toEqual({
      client_id: "megaphone-dev-fsq-client",
      response_type: "code",
      redirect_uri: REDIRECT,
      state: expect.stringMatching(/.{20,}/) as string,
    });
    const attempt = await getDb().accountLinkAttempt.findFirstOrThrow({ where: { tenantId: ctx.tenantId } });
    expect(attempt).toMatchObject({ network: "FOURSQUARE", codeVerifierCiphertext: null, scopes: [], allowPosting: false });
    expect(JSON.stringify(attempt)).not.toContain(authenticate.searchParams.get("state")!);

    const outcome = await finishAccountLink(cctx, await consentAt(url, { approveAs: name }), session);
    const user = sandbox.state.fsq.byHandle(name)!;
    expect(outcome).toEqual({
      ok: true,
      profileId: expect.any(String) as string,
      network: "FOURSQUARE",
      handle: user.id,
      linkPoints: LINK_POINTS,
      // Check-ins of accounts not linked yet are never stored (brand-venues.ts): there is nothing earlier to credit.
      earlierMentionPoints: 0,
    });
    expect(await balanceOf(ctx, customer.id)).toBe(LINK_POINTS);

    const profile = await getDb().socialProfile.findFirstOrThrow({ where: { tenantId: ctx.tenantId }, ...WITH_TOKENS });
    expect(profile).toMatchObject({ customerId: customer.id, network: "FOURSQUARE", externalUserId: user.id, displayName: user.firstName, status: "ACTIVE" });
    expect(profile).toMatchObject({ scopes: [], refreshTokenCiphertext: null, tokenExpiresAt: null });
    const token = openProfileToken(ctx.tenantId, profile.id, "access", profile.accessTokenCiphertext!);
    expect(profile.accessTokenCiphertext).not.toContain(token);
    expect(sandbox.state.fsq.tokens.get(token)?.userId).toBe(user.id);
    const consents = await getDb().consentRecord.findMany({ where: { tenantId: ctx.tenantId, socialProfileId: profile.id } });
    expect(consents).toEqual([expect.objectContaining({ network: "FOURSQUARE", allowPosting: false, scopes: [], revokedAt: null })]);
    expect((await getDb().accountLinkAttempt.findFirstOrThrow({ where: { tenantId: ctx.tenantId } })).usedAt).not.toBeNull();
    expect(await myLinkedAccounts(cctx)).toEqual([
      expect.objectContaining({ id: profile.id, networkLabel: "Foursquare", accountName: user.firstName, postingOffered: false, autoSharing: false }),
    ]);

    // The same callback again: the state was spent.
    const before = await written(ctx);
    expect(await finishAccountLink(cctx, { state: authenticate.searchParams.get("state")!, code: "ANY" }, session)).toEqual({ ok: false, failure: "state" });
    expect(await written(ctx)).toEqual(before);
    // Posting is not offered on Foursquare: not at the consent step, not afterwards.
    await expect(startAccountLink(cctx, { network: "FOURSQUARE", allowPosting: true }, session)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(setAutoSharing(cctx, { profileId: profile.id, on: true })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await getDb().accountLinkAttempt.count({ where: { tenantId: ctx.tenantId } })).toBe(1);
  });

  it("a denied consent, a tampered, expired or foreign state, a bad code or a wrong app secret link nothing", async () => {
    const { ctx, customer, cctx, session } = await brandWithCustomer();
    const denied = await startAccountLink(cctx, { network: "FOURSQUARE", allowPosting: false }, session);
    const no = await consentAt(denied.url, "deny");
    expect(no).toMatchObject({ error: "access_denied", code: undefined });
    expect(await finishAccountLink(cctx, no, session)).toEqual({ ok: false, failure: "denied" });

    const { url } = await startAccountLink(cctx, { network: "FOURSQUARE", allowPosting: false }, session);
    const callback = await consentAt(url, { approveAs: swarmName() });
    expect(await finishAccountLink(cctx, { ...callback, state: `${callback.state}x` }, session)).toEqual({ ok: false, failure: "state" });
    expect(await finishAccountLink(cctx, { ...callback, state: undefined }, session)).toEqual({ ok: false, failure: "state" });
    const other = await signIn(ctx, (await makeCustomer(ctx)).id);
    expect(await finishAccountLink(other.cctx, callback, other.session)).toEqual({ ok: false, failure: "state" });
    const elsewhere = await signIn(ctx, customer.id);
    expect(await finishAccountLink(elsewhere.cctx, callback, elsewhere.session)).toEqual({ ok: false, failure: "state" });
    expect(await finishAccountLink(cctx, callback, session, new Date(Date.now() + 11 * 60_000))).toEqual({ ok: false, failure: "state" });

    // Foursquare answers {"error":"invalid_grant"} to a code it did not issue.
    expect(await finishAccountLink(cctx, { ...callback, code: "NOT-A-CODE" }, session)).toEqual({ ok: false, failure: "refused" });
    // A wrong client secret in our configuration: {"error":"invalid_client"}.
    const next = await startAccountLink(cctx, { network: "FOURSQUARE", allowPosting: false }, session);
    const callback2 = await consentAt(next.url, { approveAs: swarmName() });
    process.env.FOURSQUARE_CLIENT_SECRET = "not-the-secret";
    resetEnvCache();
    try {
      expect(await finishAccountLink(cctx, callback2, session)).toEqual({ ok: false, failure: "refused" });
    } finally {
      delete process.env.FOURSQUARE_CLIENT_SECRET;
      resetEnvCache();
    }
    expect(await written(ctx)).toEqual(NOTHING);
  });

  it("Foursquare down (503 at the token endpoint, at users/self, or a closed port) links nothing", async () => {
    const { ctx, cctx, session } = await brandWithCustomer();
    for (const pathPrefix of ["/oauth2/access_token", "/v2/users/self"]) {
      const { url } = await startAccountLink(cctx, { network: "FOURSQUARE", allowPosting: false }, session);
      const callback = await consentAt(url, { approveAs: swarmName() });
      sandbox.state.faults.add({ kind: "server_error", pathPrefix, remaining: 5 });
      try {
        expect(await finishAccountLink(cctx, callback, session)).toEqual({ ok: false, failure: "network" });
      } finally {
        sandbox.state.faults.clear();
      }
    }
    const { url } = await startAccountLink(cctx, { network: "FOURSQUARE", allowPosting: false }, session);
    const callback = await consentAt(url, { approveAs: swarmName() });
    process.env.FOURSQUARE_API_BASE_URL = "http://127.0.0.1:9"; // discard port: connection refused
    resetEnvCache();
    try {
      expect(await finishAccountLink(cctx, callback, session)).toEqual({ ok: false, failure: "network" });
    } finally {
      process.env.FOURSQUARE_API_BASE_URL = sandbox.url;
      resetEnvCache();
    }
    expect(await written(ctx)).toEqual(NOTHING);
  });

  it("an account linked to another customer of the brand is refused; nothing is written for the second customer", async () => {
    const { ctx, customer, cctx, session } = await brandWithCustomer();
    const shared = swarmName();
    expect((await linkAs(cctx, session, shared)).ok).toBe(true);
    const before = await written(ctx);
    const other = await makeCustomer(ctx);
    const them = await signIn(ctx, other.id);
    expect(await linkAs(them.cctx, them.session, shared)).toEqual({ ok: false, failure: "conflict" });
    expect(await written(ctx)).toEqual(before);
    expect(await myLinkedAccounts(them.cctx)).toEqual([]);
    expect(await balanceOf(ctx, customer.id)).toBe(LINK_POINTS);
    expect(await balanceOf(ctx, other.id)).toBe(0);
  });

  it("counts check-ins while linked; unlink deletes our copy (no revoke exists), withdraws consent, stops counting; relink pays nothing more", async () => {
    const { ctx, customer, cctx, session } = await brandWithCustomer();
    const { venueId } = await setUpCheckinListening(ctx, sandbox.url);
    const name = swarmName();
    const t0 = Math.floor(Date.now() / 1000);
    const linked = await linkAs(cctx, session, name, new Date(t0 * 1000));
    if (!linked.ok) throw new Error(`not linked: ${linked.failure}`);
    const checkins = () => getDb().ledgerEntry.findMany({ where: { tenantId: ctx.tenantId, source: "CHECKIN" }, select: { amount: true } });

    await sandboxCheckin(sandbox.url, name, venueId, { created_at: (t0 + 10) * 1000 });
    expect(await pollProfileCheckins(ctx, linked.profileId, new Date((t0 + 20) * 1000))).toMatchObject({ status: "polled", totals: { credited: 1 } });
    expect(await checkins()).toEqual([{ amount: 20 }]);

    const profile = await getDb().socialProfile.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: linked.profileId }, ...WITH_TOKENS });
    const token = openProfileToken(ctx.tenantId, profile.id, "access", profile.accessTokenCiphertext!);
    expect(await unlinkMyAccount(cctx, { profileId: linked.profileId }, new Date((t0 + 30) * 1000))).toEqual({
      handle: profile.handle,
      atNetwork: "not-offered",
    });
    // Nothing was sent to Foursquare (it has no revoke endpoint): the token still works there, but we hold no copy.
    expect(sandbox.state.fsq.tokens.get(token)).toBeDefined();
    expect(await getDb().socialProfile.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: profile.id }, ...WITH_TOKENS })).toMatchObject({
      customerId: null,
      status: "REVOKED",
      accessTokenCiphertext: null,
      checkinCursor: null,
    });
    expect(await getDb().consentRecord.count({ where: { tenantId: ctx.tenantId, socialProfileId: profile.id, revokedAt: null } })).toBe(0);
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { tenantId: ctx.tenantId, action: "social_profile.unlinked" } });
    expect(audit.data).toMatchObject({ network: "FOURSQUARE", atNetwork: "not-offered", consentsWithdrawn: 1 });

    // While unlinked: a check-in at the brand's venue is neither polled nor taken from a push.
    const made = await sandboxCheckin(sandbox.url, name, venueId, { created_at: (t0 + 100) * 1000 });
    expect(await pollProfileCheckins(ctx, profile.id, new Date((t0 + 110) * 1000))).toMatchObject({ status: "skipped" });
    const pushed = { id: made.checkin.id, createdAt: t0 + 100, venue: { id: venueId, name: "Venue" }, user: { id: profile.externalUserId } };
    expect(await ingestPushedCheckin(ctx, pushed)).toEqual({ status: "ignored", reason: "author is not a linked customer" });
    expect(await checkins()).toEqual([{ amount: 20 }]);

    // Relinked: no second link reward, and the check-in made while unlinked is not read back.
    const relinked = await linkAs(cctx, session, name, new Date((t0 + 200) * 1000));
    expect(relinked).toMatchObject({ ok: true, profileId: profile.id, linkPoints: 0 });
    expect(await pollProfileCheckins(ctx, profile.id, new Date((t0 + 210) * 1000))).toMatchObject({ status: "polled", totals: { fetched: 0 } });
    expect(await checkins()).toEqual([{ amount: 20 }]);
    expect(await getDb().ledgerEntry.count({ where: { tenantId: ctx.tenantId, source: "LINK_ACCOUNT" } })).toBe(1);
    expect(await balanceOf(ctx, customer.id)).toBe(LINK_POINTS + 20);
  });
});
