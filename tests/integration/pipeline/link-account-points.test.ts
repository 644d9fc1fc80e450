// Linking a social account pays the network's LINK_ACCOUNT rules in the linking transaction, once
// per account and rule EVER: not again on a relink, not again for another customer, not twice
// when two links race. The ledger invariants are checked after each test (setup-file.ts).
import { describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { toAppError } from "../../../src/server/http/problem";
import { createCampaign } from "../../../src/server/modules/campaigns/campaign.service";
import { describeEntry } from "../../../src/server/modules/ledger/ledger-explanation";
import { ZAwardExplanation } from "../../../src/server/modules/ledger/ledger.schemas";
import { linkAccountAwardKey } from "../../../src/server/modules/mentions/prospects/link-account-points";
import { linkSocialProfile } from "../../../src/server/modules/mentions/prospects/link-social-profile";
import type { LinkSocialProfileInput } from "../../../src/server/modules/mentions/prospects/social-profile.schemas";
import { createPointRule, updatePointRule } from "../../../src/server/modules/rules/point-rule.service";
import { createSegment } from "../../../src/server/modules/segments/segment.service";
import { createTenantWithMember, makeCustomer } from "../support/factories";

let seq = 0;

function account(customerId: string, overrides: Partial<LinkSocialProfileInput> = {}): LinkSocialProfileInput {
  const n = ++seq;
  return {
    customerId,
    network: "TWITTER",
    externalUserId: `77${n}000`,
    handle: `linker_${n}`,
    followers: 1_000,
    consent: { scopes: ["tweet.read", "users.read"], allowPosting: false, policyVersion: "2026-11" },
    ...overrides,
  };
}

async function linkRules(ctx: TenantContext) {
  const flat = await createPointRule(ctx, { network: "TWITTER", action: "LINK_ACCOUNT", name: "Link X", basePoints: 50, influenceCurve: "NONE" });
  const weighted = await createPointRule(ctx, { network: "TWITTER", action: "LINK_ACCOUNT", name: "Link X, by reach", basePoints: 10, influenceCurve: "LOG" });
  // Not paid on a Twitter link: disabled, another network, another action.
  await createPointRule(ctx, { network: "TWITTER", action: "LINK_ACCOUNT", name: "Old link rule", basePoints: 999, enabled: false });
  await createPointRule(ctx, { network: "FOURSQUARE", action: "LINK_ACCOUNT", name: "Link Foursquare", basePoints: 30 });
  await createPointRule(ctx, { network: "TWITTER", action: "MENTION", name: "Mention", basePoints: 5 });
  return { flat, weighted };
}

async function entriesOf(ctx: TenantContext) {
  return getDb().ledgerEntry.findMany({ where: { tenantId: ctx.tenantId, source: "LINK_ACCOUNT" }, orderBy: { idempotencyKey: "asc" } });
}

async function balanceOf(ctx: TenantContext, customerId: string) {
  return (await getDb().pointBalance.findFirst({ where: { tenantId: ctx.tenantId, customerId } }))?.balance ?? 0;
}

/** What unlinking leaves behind: the account row, no longer anyone's. */
async function unlink(ctx: TenantContext, externalUserId: string) {
  await getDb().socialProfile.updateMany({
    where: { tenantId: ctx.tenantId, network: "TWITTER", externalUserId },
    data: { customerId: null, status: "REVOKED" },
  });
}

describe("LINK_ACCOUNT points", () => {
  it("pays each enabled LINK_ACCOUNT rule of the network once, explained, in the linking transaction", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const { flat, weighted } = await linkRules(ctx);
    const customer = await makeCustomer(ctx);
    const input = account(customer.id);

    const linked = await linkSocialProfile(ctx, input);
    // 50 flat; 10 × 1.52 influence (1,000 followers, LOG 0.5) = 15
    expect(linked.linkAward).toEqual({ pointsAwarded: 65, entries: 2 });
    expect(await balanceOf(ctx, customer.id)).toBe(65);

    const entries = await entriesOf(ctx);
    expect(entries.map((e) => [e.idempotencyKey, e.amount, e.customerId, e.ruleId, e.mentionId])).toEqual(
      [
        [linkAccountAwardKey("TWITTER", input.externalUserId, flat.id), 50, customer.id, flat.id, null],
        [linkAccountAwardKey("TWITTER", input.externalUserId, weighted.id), 15, customer.id, weighted.id, null],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    expect(linkAccountAwardKey("TWITTER", "123", "rule_x")).toBe("link:TWITTER:123:rule_x");
    const byRule = new Map(entries.map((e) => [e.ruleId, e]));
    const explanation = ZAwardExplanation.parse(byRule.get(weighted.id)!.explanation);
    expect(explanation).toMatchObject({
      rule: { id: weighted.id, name: "Link X, by reach", network: "TWITTER", action: "LINK_ACCOUNT", basePoints: 10 },
      followers: 1_000,
      influence: { curve: "LOG", multiplier: 1.52 },
      campaign: null,
      formula: "10 × 1.52 influence = 15",
      note: `linked @${input.handle} (account ${input.externalUserId})`,
    });
    expect(explanation.sentiment).toBeUndefined();
    expect(describeEntry({ amount: 15, source: "LINK_ACCOUNT", explanation })).toBe(
      "+15 points for linking an account on twitter (rule “Link X, by reach”): 10 × 1.52 influence = 15",
    );
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { tenantId: ctx.tenantId, action: "social_profile.linked" } });
    expect(audit.data).toMatchObject({ linkPointsAwarded: 65, linkEntryIds: expect.arrayContaining(entries.map((e) => e.id)) });
  });

  it("never pays an account twice: relinking, or linking it to another customer after an unlink", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    await linkRules(ctx);
    const first = await makeCustomer(ctx);
    const second = await makeCustomer(ctx);
    const input = account(first.id);

    expect((await linkSocialProfile(ctx, input)).linkAward.pointsAwarded).toBe(65);
    expect((await linkSocialProfile(ctx, { ...input, followers: 50_000 })).linkAward).toEqual({ pointsAwarded: 0, entries: 0 });

    await unlink(ctx, input.externalUserId);
    expect((await linkSocialProfile(ctx, input)).linkAward).toEqual({ pointsAwarded: 0, entries: 0 });

    await unlink(ctx, input.externalUserId);
    const moved = await linkSocialProfile(ctx, { ...input, customerId: second.id });
    expect(moved.socialProfile.customerId).toBe(second.id);
    expect(moved.linkAward).toEqual({ pointsAwarded: 0, entries: 0 });

    expect(await entriesOf(ctx)).toHaveLength(2);
    expect(await balanceOf(ctx, first.id)).toBe(65);
    expect(await balanceOf(ctx, second.id)).toBe(0);

    // Another account of the same customer is another account: it pays.
    expect((await linkSocialProfile(ctx, account(first.id))).linkAward.pointsAwarded).toBe(65);
    // A tenant without LINK_ACCOUNT rules pays nothing and says so.
    const plain = await createTenantWithMember("OWNER");
    expect((await linkSocialProfile(plain.ctx, account((await makeCustomer(plain.ctx)).id))).linkAward).toEqual({ pointsAwarded: 0, entries: 0 });
  });

  it("pays once when two links of one account race, for one customer or for two", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    await linkRules(ctx);
    const customer = await makeCustomer(ctx);
    const input = account(customer.id);
    const both = await Promise.all([linkSocialProfile(ctx, input), linkSocialProfile(ctx, input)]);
    expect(both.map((r) => r.linkAward.pointsAwarded).sort((a, b) => a - b)).toEqual([0, 65]);
    expect(await entriesOf(ctx)).toHaveLength(2);
    expect(await balanceOf(ctx, customer.id)).toBe(65);

    const x = await makeCustomer(ctx);
    const y = await makeCustomer(ctx);
    const contested = account(x.id);
    const settled = await Promise.allSettled([linkSocialProfile(ctx, contested), linkSocialProfile(ctx, { ...contested, customerId: y.id })]);
    const won = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    const lost = settled.flatMap((s) => (s.status === "rejected" ? [toAppError(s.reason)] : []));
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.code)).toEqual(["CONFLICT"]);
    expect(won[0]!.linkAward.pointsAwarded).toBe(65);
    expect((await balanceOf(ctx, x.id)) + (await balanceOf(ctx, y.id))).toBe(65);
    expect(await entriesOf(ctx)).toHaveLength(4);
  });

  it("applies the best running campaign, a segment's only to its members", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const rule = await createPointRule(ctx, { network: "TWITTER", action: "LINK_ACCOUNT", name: "Link X", basePoints: 50, influenceCurve: "NONE" });
    const window = { startsAt: new Date(Date.now() - 3600_000), endsAt: new Date(Date.now() + 3600_000) };
    const advocates = await createSegment(ctx, { name: "Advocates", filter: { lifecycleStages: ["ADVOCATE"] } });
    await createCampaign(ctx, { name: "Link week", multiplier: 1.5, network: "TWITTER", ...window });
    const vip = await createCampaign(ctx, { name: "Advocates link triple", multiplier: 3, segmentId: advocates.id, ...window });
    await createCampaign(ctx, { name: "Foursquare only", multiplier: 5, network: "FOURSQUARE", ...window });

    const advocate = await makeCustomer(ctx, { lifecycleStage: "ADVOCATE" });
    const regular = await makeCustomer(ctx, { lifecycleStage: "CUSTOMER" });
    expect((await linkSocialProfile(ctx, account(advocate.id))).linkAward.pointsAwarded).toBe(150);
    expect((await linkSocialProfile(ctx, account(regular.id))).linkAward.pointsAwarded).toBe(75);

    const entry = await getDb().ledgerEntry.findFirstOrThrow({ where: { tenantId: ctx.tenantId, customerId: advocate.id, ruleId: rule.id } });
    expect(entry.campaignId).toBe(vip.id);
    expect(ZAwardExplanation.parse(entry.explanation)).toMatchObject({
      campaign: { id: vip.id, name: "Advocates link triple", multiplier: 3 },
      formula: "50 × 3 campaign = 150",
    });
  });

  it("LINK_ACCOUNT rules refuse a daily cap or a minimum sentiment, on create and on edit", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const created = await createPointRule(ctx, { network: "FOURSQUARE", action: "LINK_ACCOUNT", name: "Link 4sq", basePoints: 20 });
    const refused = toAppError(await updatePointRule(ctx, created.id, { dailyCap: 100 }).catch((e: unknown) => e));
    expect(refused).toMatchObject({
      code: "VALIDATION_FAILED",
      issues: [{ path: "dailyCap", message: "linking an account pays once per account: leave the daily cap empty" }],
    });
    const refusedCreate = toAppError(
      await createPointRule(ctx, { network: "TWITTER", action: "LINK_ACCOUNT", name: "Picky", basePoints: 20, minSentiment: 0.5 }).catch((e: unknown) => e),
    );
    expect(refusedCreate.issues).toEqual([{ path: "minSentiment", message: "linking an account has no text to score: leave the minimum sentiment empty" }]);
    expect((await updatePointRule(ctx, created.id, { basePoints: 25 })).basePoints).toBe(25);
  });
});
