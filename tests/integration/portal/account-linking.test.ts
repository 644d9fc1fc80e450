// Issue 11 items 3 and 7: a portal customer links X through OAuth 2.0 + PKCE against the sandbox
// (the real twitter-api-v2 client), unlinks (revoked at the network, consent withdrawn), relinks
// without being paid twice, and sets auto-sharing per account. Every failed link writes nothing
// but the spent attempt. Ledger invariants are checked after each test (setup-file.ts).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CustomerContext, TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { resetEnvCache } from "../../../src/server/env";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { finishAccountLink, startAccountLink } from "../../../src/server/modules/portal/accounts/link-attempts";
import { myLinkedAccounts, mySharePosts } from "../../../src/server/modules/portal/accounts/my-accounts";
import { setAutoSharing } from "../../../src/server/modules/portal/accounts/sharing-preference";
import { unlinkMyAccount } from "../../../src/server/modules/portal/accounts/unlink-account";
import { resolveCustomerSession, startCustomerSession } from "../../../src/server/modules/portal/customer-sessions";
import { createPointRule } from "../../../src/server/modules/rules/point-rule.service";
import { openProfileToken } from "../../../src/server/modules/social-profiles/profile-tokens";
import type { SandboxHandle } from "../../../src/sandbox/start-sandbox";
import { startPipelineSandbox } from "../pipeline/pipeline-kit";
import { answerXConsent, type ConsentDecision } from "../support/x-consent";
import { createTenantWithMember, makeCustomer } from "../support/factories";

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startPipelineSandbox();
});
afterAll(async () => {
  await sandbox.close();
  delete process.env.TWITTER_API_BASE_URL;
  resetEnvCache();
});

const REDIRECT = "http://127.0.0.1:3999/r/brand/accounts/callback";
type Session = { token: string; redirectUri: string };

async function signIn(ctx: TenantContext, customerId: string): Promise<{ cctx: CustomerContext; session: Session }> {
  const issued = await getDb().$transaction((tx) => startCustomerSession(tx, ctx, customerId, new Date()));
  const cctx = await resolveCustomerSession(ctx, issued.token);
  if (!cctx) throw new Error("no session");
  return { cctx, session: { token: issued.token, redirectUri: REDIRECT } };
}

async function brandWithCustomer(linkPoints = 50) {
  const { ctx } = await createTenantWithMember("OWNER");
  await createPointRule(ctx, { network: "TWITTER", action: "LINK_ACCOUNT", name: "Link X", basePoints: linkPoints, influenceCurve: "NONE" });
  const customer = await makeCustomer(ctx);
  return { ctx, customer, ...(await signIn(ctx, customer.id)) };
}

const username = () => `u${randomUUID().replaceAll("-", "").slice(0, 12)}`;

const consentAt = (url: string, decision: ConsentDecision) => answerXConsent(sandbox.url, url, decision);

/** Token columns are omitted from ordinary reads (db client); tests ask for them by name. */
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

async function balanceOf(ctx: TenantContext, customerId: string) {
  return (await getDb().pointBalance.findFirst({ where: { tenantId: ctx.tenantId, customerId } }))?.balance ?? 0;
}

describe("linking X from the portal", () => {
  it("links through the sandbox's consent page: tokens sealed on the profile, consent with the posting choice, link rule paid, state spent", async () => {
    const { ctx, customer, cctx, session } = await brandWithCustomer();
    const name = username();
    const { url } = await startAccountLink(cctx, { network: "TWITTER", allowPosting: true }, session);
    const authorize = new URL(url);
    expect(authorize.origin).toBe(sandbox.url);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("s256");
    expect(authorize.searchParams.get("scope")!.split(" ").sort()).toEqual(["offline.access", "tweet.read", "tweet.write", "users.read"]);
    // Only hashes and ciphertext are kept: the state and the verifier are not in the row.
    const attempt = await getDb().accountLinkAttempt.findFirstOrThrow({ where: { tenantId: ctx.tenantId } });
    expect(JSON.stringify(attempt)).not.toContain(authorize.searchParams.get("state")!);

    const outcome = await finishAccountLink(cctx, await consentAt(url, { approveAs: name }), session);
    expect(outcome).toMatchObject({ ok: true, network: "TWITTER", handle: name, linkPoints: 50 });
    expect(await balanceOf(ctx, customer.id)).toBe(50);

    const profile = await getDb().socialProfile.findFirstOrThrow({ where: { tenantId: ctx.tenantId }, ...WITH_TOKENS });
    expect(profile).toMatchObject({ customerId: customer.id, handle: name, status: "ACTIVE" });
    expect(profile.scopes).toContain("tweet.write");
    const access = openProfileToken(ctx.tenantId, profile.id, "access", profile.accessTokenCiphertext!);
    expect(sandbox.state.xAuth.resolve(access)?.userId).toBe(profile.externalUserId);
    expect(profile.refreshTokenCiphertext).not.toBeNull();
    const consents = await getDb().consentRecord.findMany({ where: { tenantId: ctx.tenantId, socialProfileId: profile.id } });
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({ customerId: customer.id, allowPosting: true, revokedAt: null, policyVersion: "link-2026-12" });
    expect((await getDb().accountLinkAttempt.findFirstOrThrow({ where: { tenantId: ctx.tenantId } })).usedAt).not.toBeNull();

    expect(await myLinkedAccounts(cctx)).toEqual([
      expect.objectContaining({
        id: profile.id,
        network: "TWITTER",
        networkLabel: "X",
        handle: name,
        autoSharing: true,
        grantAllowsPosting: true,
        needsReconnect: false,
      }),
    ]);
  });

  it("a state works once: the same callback again links nothing more", async () => {
    const { ctx, cctx, session } = await brandWithCustomer();
    const { url } = await startAccountLink(cctx, { network: "TWITTER", allowPosting: false }, session);
    const callback = await consentAt(url, { approveAs: username() });
    expect((await finishAccountLink(cctx, callback, session)).ok).toBe(true);
    const after = await written(ctx);
    expect(await finishAccountLink(cctx, callback, session)).toEqual({ ok: false, failure: "state" });
    expect(await written(ctx)).toEqual(after);
    expect(after).toEqual({ profiles: 1, consents: 1, linkEntries: 1 });
  });

  it("refuses a tampered, missing, expired, other customer's, other session's or other brand's state, and writes nothing", async () => {
    const { ctx, customer, cctx, session } = await brandWithCustomer();
    const { url } = await startAccountLink(cctx, { network: "TWITTER", allowPosting: false }, session);
    const callback = await consentAt(url, { approveAs: username() });

    expect(await finishAccountLink(cctx, { ...callback, state: `${callback.state}x` }, session)).toEqual({ ok: false, failure: "state" });
    expect(await finishAccountLink(cctx, { ...callback, state: undefined }, session)).toEqual({ ok: false, failure: "state" });
    // Another customer of the same brand, with the victim's state and code.
    const other = await makeCustomer(ctx);
    const them = await signIn(ctx, other.id);
    expect(await finishAccountLink(them.cctx, callback, them.session)).toEqual({ ok: false, failure: "state" });
    // The same customer in another browser (another portal session).
    const elsewhere = await signIn(ctx, customer.id);
    expect(await finishAccountLink(elsewhere.cctx, callback, elsewhere.session)).toEqual({ ok: false, failure: "state" });
    // Another brand's customer.
    const brandB = await brandWithCustomer();
    expect(await finishAccountLink(brandB.cctx, callback, brandB.session)).toEqual({ ok: false, failure: "state" });
    // Eleven minutes later.
    expect(await finishAccountLink(cctx, callback, session, new Date(Date.now() + 11 * 60_000))).toEqual({ ok: false, failure: "state" });
    expect(await written(ctx)).toEqual(NOTHING);
    expect(await written(brandB.ctx)).toEqual(NOTHING);
    // None of those spent it: the customer's own callback still works, once.
    expect((await finishAccountLink(cctx, callback, session)).ok).toBe(true);
  });

  it("a denied consent at the network links nothing", async () => {
    const { ctx, cctx, session } = await brandWithCustomer();
    const { url } = await startAccountLink(cctx, { network: "TWITTER", allowPosting: true }, session);
    const callback = await consentAt(url, "deny");
    expect(callback.error).toBe("access_denied");
    expect(await finishAccountLink(cctx, callback, session)).toEqual({ ok: false, failure: "denied" });
    expect(await written(ctx)).toEqual(NOTHING);
  });

  it("the network down during the code exchange (a 503, then a closed port) links nothing", async () => {
    const { ctx, cctx, session } = await brandWithCustomer();
    const first = await startAccountLink(cctx, { network: "TWITTER", allowPosting: false }, session);
    const callback = await consentAt(first.url, { approveAs: username() });
    sandbox.state.faults.add({ kind: "server_error", pathPrefix: "/2/oauth2/token", remaining: 5 });
    try {
      expect(await finishAccountLink(cctx, callback, session)).toEqual({ ok: false, failure: "network" });
    } finally {
      sandbox.state.faults.clear();
    }
    const second = await startAccountLink(cctx, { network: "TWITTER", allowPosting: false }, session);
    const callback2 = await consentAt(second.url, { approveAs: username() });
    process.env.TWITTER_API_BASE_URL = "http://127.0.0.1:9"; // discard port: connection refused
    resetEnvCache();
    try {
      expect(await finishAccountLink(cctx, callback2, session)).toEqual({ ok: false, failure: "network" });
    } finally {
      process.env.TWITTER_API_BASE_URL = sandbox.url;
      resetEnvCache();
    }
    expect(await written(ctx)).toEqual(NOTHING);
  });

  it("an account linked to another customer of the brand is refused; nothing is written for the second customer", async () => {
    const { ctx, customer, cctx, session } = await brandWithCustomer();
    const shared = username();
    const a = await startAccountLink(cctx, { network: "TWITTER", allowPosting: false }, session);
    expect((await finishAccountLink(cctx, await consentAt(a.url, { approveAs: shared }), session)).ok).toBe(true);
    const before = await written(ctx);

    const other = await makeCustomer(ctx);
    const them = await signIn(ctx, other.id);
    const b = await startAccountLink(them.cctx, { network: "TWITTER", allowPosting: true }, them.session);
    expect(await finishAccountLink(them.cctx, await consentAt(b.url, { approveAs: shared }), them.session)).toEqual({ ok: false, failure: "conflict" });
    expect(await written(ctx)).toEqual(before);
    expect(await getDb().consentRecord.count({ where: { tenantId: ctx.tenantId, customerId: other.id, socialProfileId: { not: null } } })).toBe(0);
    expect(await myLinkedAccounts(them.cctx)).toEqual([]);
    expect((await myLinkedAccounts(cctx)).map((acc) => acc.handle)).toEqual([shared]);
    expect(await balanceOf(ctx, customer.id)).toBe(50);
  });

  it("a link the domain refuses for another reason (the customer was erased meanwhile) says so and writes nothing", async () => {
    const { ctx, customer, cctx, session } = await brandWithCustomer();
    const { url } = await startAccountLink(cctx, { network: "TWITTER", allowPosting: false }, session);
    const callback = await consentAt(url, { approveAs: username() });
    await getDb().customer.updateMany({ where: { tenantId: ctx.tenantId, id: customer.id }, data: { erasedAt: new Date() } });
    expect(await finishAccountLink(cctx, callback, session)).toEqual({ ok: false, failure: "failed" });
    expect(await written(ctx)).toEqual(NOTHING);
  });

  it("unlink revokes the tokens at the sandbox, withdraws the consent and stops listening; relinking pays the link rule nothing more", async () => {
    const { ctx, customer, cctx, session } = await brandWithCustomer();
    const name = username();
    const first = await startAccountLink(cctx, { network: "TWITTER", allowPosting: true }, session);
    expect((await finishAccountLink(cctx, await consentAt(first.url, { approveAs: name }), session)).ok).toBe(true);
    const profile = await getDb().socialProfile.findFirstOrThrow({ where: { tenantId: ctx.tenantId }, ...WITH_TOKENS });
    const access = openProfileToken(ctx.tenantId, profile.id, "access", profile.accessTokenCiphertext!);
    expect(sandbox.state.xAuth.resolve(access)).toBeDefined();

    expect(await unlinkMyAccount(cctx, { profileId: profile.id })).toEqual({ handle: name, atNetwork: "revoked" });
    expect(sandbox.state.xAuth.resolve(access)).toBeUndefined();
    const unlinked = await getDb().socialProfile.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: profile.id }, ...WITH_TOKENS });
    expect(unlinked).toMatchObject({ customerId: null, status: "REVOKED", accessTokenCiphertext: null, refreshTokenCiphertext: null, scopes: [] });
    const consents = await getDb().consentRecord.findMany({ where: { tenantId: ctx.tenantId, socialProfileId: profile.id } });
    expect(consents.map((c) => c.revokedAt !== null)).toEqual([true]);
    expect(await myLinkedAccounts(cctx)).toEqual([]);
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { tenantId: ctx.tenantId, action: "social_profile.unlinked" } });
    expect(audit.data).toMatchObject({ socialProfileId: profile.id, atNetwork: "revoked", consentsWithdrawn: 1 });
    // Unlinking twice: the account is no longer theirs.
    await expect(unlinkMyAccount(cctx, { profileId: profile.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const again = await startAccountLink(cctx, { network: "TWITTER", allowPosting: false }, session);
    const relinked = await finishAccountLink(cctx, await consentAt(again.url, { approveAs: name }), session);
    expect(relinked).toMatchObject({ ok: true, profileId: profile.id, linkPoints: 0 });
    expect(await balanceOf(ctx, customer.id)).toBe(50);
    expect(await getDb().ledgerEntry.count({ where: { tenantId: ctx.tenantId, source: "LINK_ACCOUNT" } })).toBe(1);
    expect(await myLinkedAccounts(cctx)).toEqual([expect.objectContaining({ id: profile.id, autoSharing: false })]);
  });

  it("a failed revoke at the network is reported, and the local unlink still happens", async () => {
    const { ctx, cctx, session } = await brandWithCustomer();
    const first = await startAccountLink(cctx, { network: "TWITTER", allowPosting: false }, session);
    const outcome = await finishAccountLink(cctx, await consentAt(first.url, { approveAs: username() }), session);
    if (!outcome.ok) throw new Error("not linked");
    sandbox.state.faults.add({ kind: "server_error", pathPrefix: "/2/oauth2/revoke", remaining: 10 });
    try {
      expect((await unlinkMyAccount(cctx, { profileId: outcome.profileId })).atNetwork).toBe("failed");
    } finally {
      sandbox.state.faults.clear();
    }
    expect(await getDb().socialProfile.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: outcome.profileId }, ...WITH_TOKENS })).toMatchObject({
      customerId: null,
      status: "REVOKED",
      accessTokenCiphertext: null,
      refreshTokenCiphertext: null,
    });
    expect(await getDb().consentRecord.count({ where: { tenantId: ctx.tenantId, socialProfileId: outcome.profileId, revokedAt: null } })).toBe(0);
  });

  it("a staff preview of the portal cannot start, finish or undo a link", async () => {
    const { cctx, session } = await brandWithCustomer();
    const preview: CustomerContext = { ...cctx, previewBy: { userId: "usr_staff" } };
    await expect(startAccountLink(preview, { network: "TWITTER", allowPosting: false }, session)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(finishAccountLink(preview, { state: "x", code: "y" }, session)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(unlinkMyAccount(preview, { profileId: "sp_x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setAutoSharing(preview, { profileId: "sp_x", on: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("sharing preferences", () => {
  it("auto-sharing on needs the posting scope; each change appends a consent; only the customer's own linked accounts", async () => {
    const { ctx, cctx, session } = await brandWithCustomer();
    const readOnly = await startAccountLink(cctx, { network: "TWITTER", allowPosting: false }, session);
    const linked = await finishAccountLink(cctx, await consentAt(readOnly.url, { approveAs: username() }), session);
    if (!linked.ok) throw new Error("not linked");
    const consents = () => getDb().consentRecord.count({ where: { tenantId: ctx.tenantId, socialProfileId: linked.profileId } });

    expect(await setAutoSharing(cctx, { profileId: linked.profileId, on: true })).toEqual({ status: "reconnect" });
    expect(await consents()).toBe(1);
    expect(await setAutoSharing(cctx, { profileId: linked.profileId, on: false })).toEqual({ status: "saved", on: false });
    expect(await consents()).toBe(2);

    // Connecting again with "may post" grants the scope; then it can be turned off and on.
    const posting = await startAccountLink(cctx, { network: "TWITTER", allowPosting: true }, session);
    const handle = (await myLinkedAccounts(cctx))[0]!.handle;
    expect(await finishAccountLink(cctx, await consentAt(posting.url, { approveAs: handle }), session)).toMatchObject({
      ok: true,
      profileId: linked.profileId,
    });
    expect((await myLinkedAccounts(cctx))[0]).toMatchObject({ autoSharing: true, grantAllowsPosting: true });
    expect(await setAutoSharing(cctx, { profileId: linked.profileId, on: false })).toEqual({ status: "saved", on: false });
    expect((await myLinkedAccounts(cctx))[0]).toMatchObject({ autoSharing: false });
    expect(await setAutoSharing(cctx, { profileId: linked.profileId, on: true })).toEqual({ status: "saved", on: true });
    expect((await myLinkedAccounts(cctx))[0]).toMatchObject({ autoSharing: true });

    const other = await makeCustomer(ctx);
    const them = await signIn(ctx, other.id);
    await expect(setAutoSharing(them.cctx, { profileId: linked.profileId, on: false })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(unlinkMyAccount(them.cctx, { profileId: linked.profileId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lists the customer's share posts with a link only to posted ones, http(s) only, text as stored", async () => {
    const { ctx, customer, cctx, session } = await brandWithCustomer();
    const start = await startAccountLink(cctx, { network: "TWITTER", allowPosting: true }, session);
    const linked = await finishAccountLink(cctx, await consentAt(start.url, { approveAs: username() }), session);
    if (!linked.ok) throw new Error("not linked");
    const entry = async () => (await adjustPoints(ctx, { customerId: customer.id, amount: 5, reason: "share", idempotencyKey: randomUUID() })).entry.id;
    const base = { tenantId: ctx.tenantId, customerId: customer.id, socialProfileId: linked.profileId };
    const hostile = `<script>alert(1)</script> I earned points`;
    await getDb().sharePost.create({
      data: { ...base, ledgerEntryId: await entry(), text: hostile, status: "POSTED", externalPostId: "1790000000000000001", postedAt: new Date() },
    });
    await getDb().sharePost.create({ data: { ...base, ledgerEntryId: await entry(), text: "waiting", status: "PENDING" } });
    await getDb().sharePost.create({
      data: { ...base, ledgerEntryId: await entry(), text: "odd id", status: "POSTED", externalPostId: "javascript:alert(1)" },
    });
    const other = await makeCustomer(ctx);
    const them = await signIn(ctx, other.id);

    const posts = await mySharePosts(cctx);
    expect(posts).toHaveLength(4);
    expect(posts.map((p) => [p.text, p.status, p.url])).toEqual(
      expect.arrayContaining([
        [hostile, "POSTED", `https://x.com/${linked.handle}/status/1790000000000000001`],
        ["odd id", "POSTED", null],
        ["waiting", "PENDING", null],
        // The link award's own share (the customer allowed posting), queued, not posted yet.
        [expect.stringMatching(/^I just earned 50 points at /), "PENDING", null],
      ]),
    );
    expect(await mySharePosts(them.cctx)).toEqual([]);
  });
});
