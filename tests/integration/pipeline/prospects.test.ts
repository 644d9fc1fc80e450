// A stranger's mentions are kept as prospects; when they link that account (with consent) the
// earlier ones are credited once, through the same award path as live ingest.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, unsafeCrossTenantDb } from "../../../src/server/db/client";
import { AppError } from "../../../src/server/errors";
import { pollSourcePage } from "../../../src/server/pipeline/poll-source";
import { checkDeletedMentions } from "../../../src/server/pipeline/deletions/check-deleted-mentions";
import { mentionAwardKey } from "../../../src/server/modules/mentions/plan-awards";
import { disqualifyMention } from "../../../src/server/modules/mentions/moderation/disqualify-mention";
import { creditEarlierMentions, PROSPECT_CREDIT_WINDOW_DAYS } from "../../../src/server/modules/mentions/prospects/credit-earlier-mentions";
import { linkSocialProfile } from "../../../src/server/modules/mentions/prospects/link-social-profile";
import { ZLinkSocialProfileResult, type LinkSocialProfileInput } from "../../../src/server/modules/mentions/prospects/social-profile.schemas";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { addMember, createTenantWithMember, makeCustomer } from "../support/factories";
import { assertLedgerInvariants } from "../support/ledger-invariants";
import { admin } from "../sandbox/sandbox-test-kit";
import { sandboxPost, sandboxUser, setUpListening, startPipelineSandbox } from "./pipeline-kit";

let sandbox: Awaited<ReturnType<typeof startPipelineSandbox>>;
beforeAll(async () => {
  sandbox = await startPipelineSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

const DAY = 24 * 3600 * 1000;
let seq = 0;

/** A tenant listening for its own keyword and a stranger (not linked) on the sandbox. */
async function tenantWithStranger(rule: { dailyCap?: number | null } = {}) {
  const n = ++seq;
  const member = await createTenantWithMember("OWNER");
  const keyword = `Prospect Brand ${n}`;
  const { source, pointRule } = await setUpListening(member.ctx, keyword, rule);
  const handle = `later_fan_${n}`;
  const externalUserId = await sandboxUser(sandbox.url, handle, 1_000);
  return { ...member, keyword, source, pointRule, handle, externalUserId };
}

async function collect(ctx: TenantContext, sourceId: string, posts: { author: string; text: string }[]) {
  const ids: string[] = [];
  for (const p of posts) ids.push(await sandboxPost(sandbox.url, p.author, p.text));
  expect((await pollSourcePage(ctx, sourceId, null)).status).toBe("page");
  return ids;
}

function linkInput(customerId: string, t: { externalUserId: string; handle: string }, allowPosting = true): LinkSocialProfileInput {
  return {
    customerId,
    network: "TWITTER",
    externalUserId: t.externalUserId,
    handle: t.handle,
    followers: 1_000,
    consent: { scopes: ["tweet.read", "users.read", "offline.access"], allowPosting, policyVersion: "2026-11" },
  };
}

async function mentionsOf(ctx: TenantContext) {
  return getDb().mention.findMany({ where: { tenantId: ctx.tenantId }, orderBy: { postedAt: "asc" } });
}

async function balanceOf(ctx: TenantContext, customerId: string) {
  return (await getDb().pointBalance.findFirst({ where: { tenantId: ctx.tenantId, customerId } }))?.balance ?? 0;
}

async function expectAppError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

describe("prospects credited when they link", () => {
  it("keeps a stranger's mentions as prospects, credits the eligible ones once on link, records consent", async () => {
    const t = await tenantWithStranger();
    const [a, b, old, deleted, spam] = await collect(t.ctx, t.source.id, [
      { author: t.handle, text: `${t.keyword} is wonderful` },
      { author: t.handle, text: `${t.keyword} again, lovely` },
      { author: t.handle, text: `${t.keyword} long ago` },
      { author: t.handle, text: `${t.keyword} I will delete this` },
      { author: t.handle, text: `${t.keyword} spam spam` },
    ]);
    const before = await mentionsOf(t.ctx);
    expect(before).toHaveLength(5);
    expect(before.every((m) => m.status === "PROSPECT" && m.customerId === null)).toBe(true);
    expect(await getDb().ledgerEntry.count({ where: { tenantId: t.ctx.tenantId } })).toBe(0);

    // Not eligible: collected before the window, deleted upstream, disqualified by staff.
    await unsafeCrossTenantDb().mention.updateMany({
      where: { tenantId: t.ctx.tenantId, externalId: old! },
      data: { createdAt: new Date(Date.now() - (PROSPECT_CREDIT_WINDOW_DAYS + 1) * DAY) },
    });
    await admin(sandbox.url, "DELETE", `/__admin/posts/${deleted}`);
    expect(await checkDeletedMentions(t.ctx, { network: "TWITTER" })).toMatchObject({ deleted: 1 });
    const spamRow = before.find((m) => m.externalId === spam)!;
    await disqualifyMention(t.ctx, spamRow.id, { reason: "spam" });

    const customer = await makeCustomer(t.ctx, { displayName: "Later Fan" });
    const linked = ZLinkSocialProfileResult.parse(await linkSocialProfile(t.ctx, linkInput(customer.id, t)));
    // 10 base × 1.52 influence (1,000 followers snapshot) = 15 each
    expect(linked.earlierMentions).toEqual({ attributed: 2, credited: 2, pointsAwarded: 30 });
    expect(linked.socialProfile).toMatchObject({ customerId: customer.id, externalUserId: t.externalUserId, handle: t.handle, followers: 1_000 });
    expect(linked.consent).toMatchObject({ scopes: ["tweet.read", "users.read", "offline.access"], allowPosting: true, policyVersion: "2026-11" });

    const after = new Map((await mentionsOf(t.ctx)).map((m) => [m.externalId, m]));
    for (const id of [a!, b!]) {
      expect(after.get(id)).toMatchObject({ status: "CREDITED", customerId: customer.id, socialProfileId: linked.socialProfile.id });
    }
    expect(after.get(old!)).toMatchObject({ status: "PROSPECT", customerId: null });
    expect(after.get(deleted!)).toMatchObject({ status: "DELETED", customerId: null });
    expect(after.get(spam!)).toMatchObject({ status: "DISQUALIFIED", customerId: null });

    const entries = await getDb().ledgerEntry.findMany({ where: { tenantId: t.ctx.tenantId }, orderBy: { idempotencyKey: "asc" } });
    expect(entries.map((e) => [e.idempotencyKey, e.amount, e.customerId])).toEqual(
      [a!, b!].map((id) => [mentionAwardKey("TWITTER", id, t.pointRule.id), 15, customer.id]).sort(),
    );
    expect(await balanceOf(t.ctx, customer.id)).toBe(30);

    const consents = await getDb().consentRecord.findMany({ where: { tenantId: t.ctx.tenantId, customerId: customer.id } });
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({
      network: "TWITTER",
      socialProfileId: linked.socialProfile.id,
      allowPosting: true,
      policyVersion: "2026-11",
      revokedAt: null,
    });
    const audit = await getDb().auditLog.findFirst({ where: { tenantId: t.ctx.tenantId, action: "social_profile.linked" } });
    expect(audit).toMatchObject({ targetId: customer.id, data: { consentId: consents[0]!.id, earlierMentionsCredited: 2, pointsAwarded: 30 } });

    // Linking again records the new grant and pays nothing more; so does crediting directly.
    const again = await linkSocialProfile(t.ctx, linkInput(customer.id, t, false));
    expect(again.earlierMentions).toEqual({ attributed: 0, credited: 0, pointsAwarded: 0 });
    expect(again.socialProfile.id).toBe(linked.socialProfile.id);
    const direct = await creditEarlierMentions(t.ctx, {
      customerId: customer.id,
      socialProfileId: linked.socialProfile.id,
      network: "TWITTER",
      externalUserId: t.externalUserId,
    });
    expect(direct).toMatchObject({ attributed: 0, credited: 0, pointsAwarded: 0 });
    expect(await getDb().ledgerEntry.count({ where: { tenantId: t.ctx.tenantId } })).toBe(2);
    expect(await balanceOf(t.ctx, customer.id)).toBe(30);
    expect(await getDb().consentRecord.count({ where: { tenantId: t.ctx.tenantId, customerId: customer.id } })).toBe(2);
    expect(await getDb().socialProfile.count({ where: { tenantId: t.ctx.tenantId } })).toBe(1);

    // From now on the account's new mentions are the customer's at ingest.
    const [live] = await collect(t.ctx, t.source.id, [{ author: t.handle, text: `${t.keyword} now as a member` }]);
    expect((await mentionsOf(t.ctx)).find((m) => m.externalId === live)).toMatchObject({ status: "CREDITED", customerId: customer.id });
    await assertLedgerInvariants(t.ctx.tenantId);
  });

  it("refuses an account already linked to another customer (CONFLICT) and writes nothing", async () => {
    const t = await tenantWithStranger();
    await collect(t.ctx, t.source.id, [{ author: t.handle, text: `${t.keyword} hello` }]);
    const owner = await makeCustomer(t.ctx);
    const other = await makeCustomer(t.ctx);
    await linkSocialProfile(t.ctx, linkInput(owner.id, t));
    const balance = await balanceOf(t.ctx, owner.id);
    expect(balance).toBe(15);

    await expectAppError(linkSocialProfile(t.ctx, linkInput(other.id, t)), "CONFLICT");
    const profile = await getDb().socialProfile.findFirst({ where: { tenantId: t.ctx.tenantId, externalUserId: t.externalUserId } });
    expect(profile?.customerId).toBe(owner.id);
    expect(await getDb().consentRecord.count({ where: { tenantId: t.ctx.tenantId, customerId: other.id } })).toBe(0);
    expect(await balanceOf(t.ctx, other.id)).toBe(0);
    expect(await balanceOf(t.ctx, owner.id)).toBe(15);
    await assertLedgerInvariants(t.ctx.tenantId);
  });

  it("two links of one account at once: one profile, one payment; two customers at once: one wins, the other gets CONFLICT", async () => {
    const t = await tenantWithStranger();
    await collect(t.ctx, t.source.id, [
      { author: t.handle, text: `${t.keyword} one` },
      { author: t.handle, text: `${t.keyword} two` },
    ]);
    const customer = await makeCustomer(t.ctx);
    const results = await Promise.all([linkSocialProfile(t.ctx, linkInput(customer.id, t)), linkSocialProfile(t.ctx, linkInput(customer.id, t))]);
    expect(results.map((r) => r.earlierMentions.pointsAwarded).sort((x, y) => x - y)).toEqual([0, 30]);
    expect(await getDb().ledgerEntry.count({ where: { tenantId: t.ctx.tenantId } })).toBe(2);
    expect(await getDb().socialProfile.count({ where: { tenantId: t.ctx.tenantId } })).toBe(1);

    const u = await tenantWithStranger();
    await collect(u.ctx, u.source.id, [{ author: u.handle, text: `${u.keyword} race` }]);
    const [x, y] = [await makeCustomer(u.ctx), await makeCustomer(u.ctx)];
    const settled = await Promise.allSettled([linkSocialProfile(u.ctx, linkInput(x.id, u)), linkSocialProfile(u.ctx, linkInput(y.id, u))]);
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(1);
    const rejected = settled.find((s) => s.status === "rejected");
    expect((rejected?.reason as AppError | undefined)?.code).toBe("CONFLICT");
    expect(await getDb().ledgerEntry.count({ where: { tenantId: u.ctx.tenantId } })).toBe(1);
    await assertLedgerInvariants();
  });

  it("uses today's daily cap for earlier mentions credited now", async () => {
    const t = await tenantWithStranger({ dailyCap: 20 });
    const [first, second] = await collect(t.ctx, t.source.id, [
      { author: t.handle, text: `${t.keyword} first` },
      { author: t.handle, text: `${t.keyword} second` },
    ]);
    // Posted on two different earlier days: a per-posting-day cap would pay both in full.
    const db = unsafeCrossTenantDb();
    await db.mention.updateMany({ where: { tenantId: t.ctx.tenantId, externalId: first! }, data: { postedAt: new Date(Date.now() - 3 * DAY) } });
    await db.mention.updateMany({ where: { tenantId: t.ctx.tenantId, externalId: second! }, data: { postedAt: new Date(Date.now() - 2 * DAY) } });
    const customer = await makeCustomer(t.ctx);
    const linked = await linkSocialProfile(t.ctx, linkInput(customer.id, t));
    // 15 + 15 under today's cap of 20: the later one is capped to 5, both are credited.
    expect(linked.earlierMentions).toEqual({ attributed: 2, credited: 2, pointsAwarded: 20 });
    const amounts = (await getDb().ledgerEntry.findMany({ where: { tenantId: t.ctx.tenantId }, orderBy: { amount: "desc" } })).map((e) => e.amount);
    expect(amounts).toEqual([15, 5]);
    await assertLedgerInvariants(t.ctx.tenantId);
  });

  it("checks roles, tenants and the profile it credits through", async () => {
    const t = await tenantWithStranger();
    await collect(t.ctx, t.source.id, [{ author: t.handle, text: `${t.keyword} guarded` }]);
    const customer = await makeCustomer(t.ctx);
    const viewer = await addMember(t.ctx, "VIEWER");
    const foreign = await createTenantWithMember("OWNER");

    await expectAppError(linkSocialProfile(viewer.ctx, linkInput(customer.id, t)), "FORBIDDEN");
    await expectAppError(linkSocialProfile(foreign.ctx, linkInput(customer.id, t)), "NOT_FOUND");
    await expect(linkSocialProfile(t.ctx, { ...linkInput(customer.id, t), consent: { scopes: [], allowPosting: false, policyVersion: "" } })).rejects.toThrow(
      /policy version/,
    );
    // crediting needs this customer's live link of this very account
    const strangerProfile = await unsafeCrossTenantDb().socialProfile.create({
      data: { tenantId: t.ctx.tenantId, network: "TWITTER", externalUserId: "999000111", handle: "someone_else" },
    });
    await expectAppError(
      creditEarlierMentions(t.ctx, { customerId: customer.id, socialProfileId: strangerProfile.id, network: "TWITTER", externalUserId: t.externalUserId }),
      "NOT_FOUND",
    );
    await expectAppError(
      creditEarlierMentions(foreign.ctx, { customerId: customer.id, socialProfileId: strangerProfile.id, network: "TWITTER", externalUserId: "999000111" }),
      "NOT_FOUND",
    );
    expect((await mentionsOf(t.ctx)).map((m) => m.status)).toEqual(["PROSPECT"]);
    expect(await getDb().consentRecord.count({ where: { tenantId: t.ctx.tenantId } })).toBe(0);

    // An unlinked profile row (no customer yet) is linked, not refused.
    const linked = await linkSocialProfile(t.ctx, { ...linkInput(customer.id, t), externalUserId: "999000111", handle: "someone_else" });
    expect(linked.socialProfile.id).toBe(strangerProfile.id);
    expect(linked.earlierMentions.attributed).toBe(0);
    await assertLedgerInvariants(t.ctx.tenantId);
  });
});
