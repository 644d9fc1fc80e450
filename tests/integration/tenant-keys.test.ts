import { describe, expect, it } from "vitest";
import { systemContext } from "../../src/server/auth/tenant-context";
import { unsafeCrossTenantDb } from "../../src/server/db/client";
import { withPgConnection } from "../../src/server/db/raw-sql";
import { EARNING_SOURCES } from "../../src/server/modules/ledger/ledger-batch";
import { storeMentionPage, type MentionRow } from "../../src/server/modules/mentions/store-mention-page";
import type { PlannedAward } from "../../src/server/modules/mentions/plan-awards";
import type { FetchedMention } from "../../src/server/social/social-provider";
import { createTenantWithMember, makeCustomer } from "./support/factories";

/**
 * The composite foreign keys make the database itself refuse a row of one tenant that points at
 * another tenant's row, whatever the code above it checked or forgot to check.
 */
function post(externalId: string): FetchedMention {
  return {
    externalId,
    text: "hello brand",
    url: `https://x.com/someone/status/${externalId}`,
    lang: "en",
    postedAt: new Date(),
    author: { externalId: `author-${externalId}`, handle: "someone", name: "someone", followers: 10, following: 1 },
    isRetweet: false,
    isReply: false,
    metrics: { likes: 0, reposts: 0, replies: 0, quotes: 0 },
  };
}

/** Brands A and B with a customer each: A's own, and B's as the foreign one A's rows must not name. */
async function twoBrands() {
  const { ctx: a } = await createTenantWithMember("OWNER");
  const { ctx: b } = await createTenantWithMember("OWNER");
  return { a, b, own: await makeCustomer(a), foreign: await makeCustomer(b), db: unsafeCrossTenantDb(), stamp: Date.now() };
}

describe("the database refuses cross-tenant references", () => {
  it("the ingest write of tenant A cannot credit tenant B's customer: nothing of the page is stored", async () => {
    const { a, foreign } = await twoBrands();
    const externalId = `cross-${Date.now()}`;
    // What a bug in attribution would hand the store: B's customer on A's page, with an award.
    const rows: MentionRow[] = [
      { mention: post(externalId), sentiment: { score: 0.5, label: "PROMOTER" }, customerId: foreign.id, socialProfileId: null, status: "CREDITED" },
    ];
    const awards = [
      {
        externalId,
        customerId: foreign.id,
        amount: 10,
        source: "MENTION",
        idempotencyKey: `mention:${externalId}`,
        explanation: { formula: "test" },
      },
    ] as unknown as PlannedAward[];
    const page = { network: "TWITTER" as const, action: "MENTION" as const, sourceId: null, matchedKeywords: ["brand"], fetchedAt: new Date() };

    await expect(withPgConnection((run) => storeMentionPage(run, systemContext(a.tenantId), page, rows, awards, []))).rejects.toMatchObject({ code: "23503" });

    const db = unsafeCrossTenantDb();
    expect(await db.mention.count({ where: { tenantId: a.tenantId } })).toBe(0);
    expect(await db.ledgerEntry.count({ where: { customerId: foreign.id } })).toBe(0);
    expect(await db.pointBalance.count({ where: { tenantId: a.tenantId } })).toBe(0);
  });

  it("a ledger entry, a profile and a mention of tenant A cannot point at tenant B's rows", async () => {
    const { a, b, own, foreign, db } = await twoBrands();

    await expect(
      db.ledgerEntry.create({
        data: { tenantId: a.tenantId, customerId: foreign.id, amount: 5, source: "ADJUSTMENT", idempotencyKey: `x-${Date.now()}`, explanation: {} },
      }),
    ).rejects.toMatchObject({ code: "P2003" });
    await expect(
      db.socialProfile.create({ data: { tenantId: a.tenantId, customerId: foreign.id, network: "TWITTER", externalUserId: `u-${Date.now()}`, handle: "h" } }),
    ).rejects.toMatchObject({ code: "P2003" });
    await expect(
      db.mention.create({
        data: {
          tenantId: a.tenantId,
          network: "TWITTER",
          externalId: `m-${Date.now()}`,
          customerId: foreign.id,
          authorExternalId: "u",
          authorHandle: "h",
          authorFollowers: 0,
          text: "t",
          postedAt: new Date(),
        },
      }),
    ).rejects.toMatchObject({ code: "P2003" });

    // The same rows with the tenant's own customer are accepted.
    const entry = await db.ledgerEntry.create({
      data: { tenantId: a.tenantId, customerId: own.id, amount: 5, source: "ADJUSTMENT", idempotencyKey: `ok-${Date.now()}`, explanation: {} },
    });
    // Its cached balance, as the ledger module writes it in the same transaction (the suite checks the ledger after each test).
    await db.pointBalance.create({
      data: { tenantId: a.tenantId, customerId: own.id, balance: 5, lifetimeEarned: EARNING_SOURCES.includes("ADJUSTMENT") ? 5 : 0 },
    });
    // A reversal must reverse an entry of its own tenant.
    await expect(
      db.ledgerEntry.create({
        data: {
          tenantId: b.tenantId,
          customerId: foreign.id,
          amount: -5,
          source: "REVERSAL",
          idempotencyKey: `rev-${Date.now()}`,
          reversesId: entry.id,
          explanation: {},
        },
      }),
    ).rejects.toMatchObject({ code: "P2003" });
  });

  it("a share post or point balance of tenant A cannot name tenant B's customer", async () => {
    const { a, own, foreign, db, stamp } = await twoBrands();

    await expect(db.pointBalance.create({ data: { tenantId: a.tenantId, customerId: foreign.id, balance: 0, lifetimeEarned: 0 } })).rejects.toMatchObject({
      code: "P2003",
    });

    // An entry of the tenant's own customer, with its cached balance (the suite checks the ledger after each test).
    const entry = await db.ledgerEntry.create({
      data: { tenantId: a.tenantId, customerId: own.id, amount: 5, source: "ADJUSTMENT", idempotencyKey: `own-${stamp}`, explanation: {} },
    });
    await db.pointBalance.create({
      data: { tenantId: a.tenantId, customerId: own.id, balance: 5, lifetimeEarned: EARNING_SOURCES.includes("ADJUSTMENT") ? 5 : 0 },
    });
    const profile = await db.socialProfile.create({
      data: { tenantId: a.tenantId, customerId: own.id, network: "TWITTER", externalUserId: `sp-${stamp}`, handle: "h" },
    });
    const share = { tenantId: a.tenantId, socialProfileId: profile.id, ledgerEntryId: entry.id, text: "I earned points" };

    await expect(db.sharePost.create({ data: { ...share, customerId: foreign.id } })).rejects.toMatchObject({ code: "P2003" });
    await expect(db.sharePost.create({ data: { ...share, customerId: own.id } })).resolves.toMatchObject({ tenantId: a.tenantId, customerId: own.id });
  });

  it("what a ledger entry was paid for, and a customer's merge, must be rows of the same tenant", async () => {
    const { a, b, own, foreign, db, stamp } = await twoBrands();
    // B's rule, mention, campaign and redemption.
    const rule = await db.pointRule.create({ data: { tenantId: b.tenantId, network: "TWITTER", action: "MENTION", name: `r-${stamp}`, basePoints: 1 } });
    const mention = await db.mention.create({
      data: {
        tenantId: b.tenantId,
        network: "TWITTER",
        externalId: `k-${stamp}`,
        authorExternalId: "u",
        authorHandle: "h",
        authorFollowers: 0,
        text: "t",
        postedAt: new Date(),
      },
    });
    const campaign = await db.campaign.create({
      data: { tenantId: b.tenantId, name: `c-${stamp}`, startsAt: new Date(), endsAt: new Date(Date.now() + 86_400_000) },
    });
    const reward = await db.reward.create({ data: { tenantId: b.tenantId, name: `w-${stamp}`, cost: 1 } });
    const redemption = await db.redemption.create({
      data: { tenantId: b.tenantId, customerId: foreign.id, rewardId: reward.id, cost: 1, idempotencyKey: `red-${stamp}` },
    });

    const entry = (key: string) => ({
      tenantId: a.tenantId,
      customerId: own.id,
      amount: 5,
      source: "ADJUSTMENT" as const,
      idempotencyKey: `${key}-${stamp}`,
      explanation: {},
    });
    for (const ref of [{ ruleId: rule.id }, { campaignId: campaign.id }, { redemptionId: redemption.id }, { ruleId: "rule_no-such-row" }]) {
      await expect(db.ledgerEntry.create({ data: { ...entry(Object.values(ref)[0]), ...ref } }), JSON.stringify(ref)).rejects.toMatchObject({ code: "P2003" });
    }
    // A customer can be merged only into a customer of its own brand.
    await expect(db.customer.updateMany({ where: { tenantId: a.tenantId, id: own.id }, data: { mergedIntoId: foreign.id } })).rejects.toMatchObject({
      code: "P2003",
    });

    // In B itself the same references hold (with the balance and the redemption's debit the ledger
    // module would write: the suite checks the ledger after each test), and what the ledger points
    // at can no longer be deleted.
    const ownEntry = (key: string, amount: number, source: "MENTION" | "REDEMPTION") => ({
      tenantId: b.tenantId,
      customerId: foreign.id,
      amount,
      source,
      idempotencyKey: `${key}-${stamp}`,
      explanation: {},
    });
    await db.ledgerEntry.create({ data: { ...ownEntry("earn", 5, "MENTION"), ruleId: rule.id, mentionId: mention.id, campaignId: campaign.id } });
    await db.ledgerEntry.create({ data: { ...ownEntry("spend", -1, "REDEMPTION"), redemptionId: redemption.id } });
    await db.pointBalance.create({ data: { tenantId: b.tenantId, customerId: foreign.id, balance: 4, lifetimeEarned: 5 } });
    await expect(db.pointRule.deleteMany({ where: { tenantId: b.tenantId, id: rule.id } })).rejects.toMatchObject({ code: "P2003" });
    await expect(db.campaign.deleteMany({ where: { tenantId: b.tenantId, id: campaign.id } })).rejects.toMatchObject({ code: "P2003" });
  });
});
