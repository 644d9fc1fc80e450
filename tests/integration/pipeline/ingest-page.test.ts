import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb, unsafeCrossTenantDb } from "../../../src/server/db/client";
import { createLocation } from "../../../src/server/modules/listening/location.service";
import { ingestMentionPage } from "../../../src/server/modules/mentions/ingest-mention-page";
import { createPointRule } from "../../../src/server/modules/rules/point-rule.service";
import { createCampaign } from "../../../src/server/modules/campaigns/campaign.service";
import { createSegment } from "../../../src/server/modules/segments/segment.service";
import type { FetchedMention } from "../../../src/server/social/social-provider";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { assertLedgerInvariants } from "../support/ledger-invariants";

/** The ingest statement on its own: pages built by hand, no network in between. */
let seq = 0;
function post(author: { id: string; handle: string; followers?: number }, text: string, extra: Partial<FetchedMention> = {}): FetchedMention {
  seq += 1;
  const id = `${Date.now()}${String(seq).padStart(6, "0")}`;
  return {
    externalId: id,
    text,
    url: `https://x.com/${author.handle}/status/${id}`,
    lang: "en",
    postedAt: new Date(Date.now() - 60_000 + seq),
    author: { externalId: author.id, handle: author.handle, name: author.handle, followers: author.followers ?? 100, following: 10 },
    isRetweet: false,
    isReply: false,
    metrics: { likes: 1, reposts: 0, replies: 0, quotes: 0 },
    ...extra,
  };
}

async function rule(ctx: TenantContext, over: Partial<Parameters<typeof createPointRule>[1]> = {}) {
  return createPointRule(ctx, {
    network: "TWITTER",
    action: "MENTION",
    name: `Rule ${++seq}`,
    basePoints: 10,
    influenceCurve: "NONE",
    influenceFactor: 1,
    maxMultiplier: 1,
    dailyCap: null,
    minSentiment: null,
    enabled: true,
    ...over,
  });
}

async function linked(ctx: TenantContext, network: "TWITTER" | "FOURSQUARE" = "TWITTER", lifecycleStage?: "CUSTOMER" | "LOYAL") {
  const customer = await makeCustomer(ctx, lifecycleStage ? { lifecycleStage } : {});
  const author = { id: `u${++seq}${Date.now()}`, handle: `fan${seq}` };
  await unsafeCrossTenantDb().socialProfile.create({
    data: { tenantId: ctx.tenantId, customerId: customer.id, network, externalUserId: author.id, handle: author.handle, linkedAt: new Date(), scopes: [] },
  });
  return { customer, author };
}

describe("ingesting one page", () => {
  it("decides each mention's status before writing it: prospect, new (no points) or credited", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    await rule(ctx, { minSentiment: 0 });
    const { customer, author } = await linked(ctx);
    const stranger = { id: `stranger${Date.now()}`, handle: "stranger" };
    const page = [post(author, "I love this brand, wonderful coffee"), post(author, "this brand is awful, terrible and sad"), post(stranger, "love it")];
    const result = await ingestMentionPage(ctx, { network: "TWITTER", sourceId: null, matchedKeywords: ["brand"], mentions: page });
    expect(result).toMatchObject({ received: 3, stored: 3, duplicates: 0, prospects: 1, credited: 1, pointsAwarded: 10 });
    const rows = await getDb().mention.findMany({
      where: { tenantId: ctx.tenantId },
      select: { externalId: true, status: true, customerId: true, matchedKeywords: true },
    });
    const byId = new Map(rows.map((r) => [r.externalId, r]));
    expect(byId.get(page[0]!.externalId)).toMatchObject({ status: "CREDITED", customerId: customer.id, matchedKeywords: ["brand"] });
    expect(byId.get(page[1]!.externalId)).toMatchObject({ status: "NEW", customerId: customer.id });
    expect(byId.get(page[2]!.externalId)).toMatchObject({ status: "PROSPECT", customerId: null });
    const balance = await getDb().pointBalance.findFirst({ where: { tenantId: ctx.tenantId, customerId: customer.id } });
    expect(balance).toMatchObject({ balance: 10, lifetimeEarned: 10 });
    await assertLedgerInvariants(ctx.tenantId);
  });

  it("stores posts whose text Postgres could not hold as sent (NUL, half a surrogate pair) instead of failing the page forever", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    await rule(ctx);
    const { author } = await linked(ctx);
    const page = [post(author, "nul\u0000inside"), post(author, "lone \uD83D surrogate and a pair 😀"), post(author, "<script>alert(1)</script> é 中文")];
    const result = await ingestMentionPage(ctx, { network: "TWITTER", sourceId: null, matchedKeywords: [], mentions: page });
    expect(result).toMatchObject({ stored: 3, credited: 3, pointsAwarded: 30 });
    const texts = (await getDb().mention.findMany({ where: { tenantId: ctx.tenantId }, orderBy: { externalId: "asc" }, select: { text: true } })).map(
      (r) => r.text,
    );
    expect(texts).toEqual(["nulinside", "lone \uFFFD surrogate and a pair 😀", "<script>alert(1)</script> é 中文"]);
  });

  it("applies the daily cap across pages and within a page, in posting order", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    await rule(ctx, { dailyCap: 25 });
    const { customer, author } = await linked(ctx);
    const first = await ingestMentionPage(ctx, {
      network: "TWITTER",
      sourceId: null,
      matchedKeywords: [],
      mentions: [post(author, "one"), post(author, "two")],
    });
    const second = await ingestMentionPage(ctx, {
      network: "TWITTER",
      sourceId: null,
      matchedKeywords: [],
      mentions: [post(author, "three"), post(author, "four")],
    });
    expect(first.pointsAwarded).toBe(20);
    expect(second.pointsAwarded).toBe(5);
    expect(second.credited).toBe(1);
    const entries = await getDb().ledgerEntry.findMany({
      where: { tenantId: ctx.tenantId, customerId: customer.id },
      select: { amount: true, explanation: true },
    });
    expect(entries.map((e) => e.amount).sort()).toEqual([10, 10, 5].sort());
    expect(JSON.stringify(entries.find((e) => e.amount === 5)!.explanation)).toContain("daily cap 25");
    await assertLedgerInvariants(ctx.tenantId);
  });

  it("pages of one customer ingested at the same moment share the daily cap (no page spends what another already did)", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    await rule(ctx, { dailyCap: 25 });
    const { customer, author } = await linked(ctx);
    const pages = [0, 1, 2, 3].map((p) => [post(author, `page ${p} one`), post(author, `page ${p} two`)]);
    const results = await Promise.all(pages.map((mentions) => ingestMentionPage(ctx, { network: "TWITTER", sourceId: null, matchedKeywords: [], mentions })));
    expect(results.reduce((sum, r) => sum + r.pointsAwarded, 0)).toBe(25);
    const balance = await getDb().pointBalance.findFirst({ where: { tenantId: ctx.tenantId, customerId: customer.id } });
    expect(balance).toMatchObject({ balance: 25 });
    await assertLedgerInvariants(ctx.tenantId);
  });

  it("a check-in earns under CHECKIN rules only and is tied to the tenant's venue", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    await rule(ctx, { network: "FOURSQUARE", action: "CHECKIN", basePoints: 7 });
    await rule(ctx, { network: "FOURSQUARE", action: "MENTION", basePoints: 1000 });
    const location = await createLocation(ctx, { name: "Tasti 5th Ave", foursquareVenueId: randomBytes(12).toString("hex") });
    const { author } = await linked(ctx, "FOURSQUARE");
    const checkin = post(author, "Checked in at Tasti 5th Ave", { venueExternalId: location.foursquareVenueId });
    const result = await ingestMentionPage(ctx, { network: "FOURSQUARE", action: "CHECKIN", sourceId: null, matchedKeywords: [], mentions: [checkin] });
    expect(result).toMatchObject({ stored: 1, credited: 1, pointsAwarded: 7 });
    const stored = await getDb().mention.findFirst({ where: { tenantId: ctx.tenantId }, select: { locationId: true, network: true } });
    expect(stored).toEqual({ locationId: location.id, network: "FOURSQUARE" });
    const entry = await getDb().ledgerEntry.findFirst({ where: { tenantId: ctx.tenantId }, select: { source: true, amount: true } });
    expect(entry).toEqual({ source: "CHECKIN", amount: 7 });
    await assertLedgerInvariants(ctx.tenantId);
  });

  it("a campaign for a segment multiplies the awards of its members only", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    await rule(ctx, { basePoints: 10 });
    const loyal = await createSegment(ctx, { name: "Loyal fans", filter: { lifecycleStages: ["LOYAL"] } });
    await createCampaign(ctx, {
      name: "Double for loyal fans",
      startsAt: new Date(Date.now() - 3_600_000),
      endsAt: new Date(Date.now() + 3_600_000),
      multiplier: 2,
      segmentId: loyal.id,
    });
    const member = await linked(ctx, "TWITTER", "LOYAL");
    const other = await linked(ctx, "TWITTER", "CUSTOMER");
    const result = await ingestMentionPage(ctx, {
      network: "TWITTER",
      sourceId: null,
      matchedKeywords: [],
      mentions: [post(member.author, "hello"), post(other.author, "hello")],
    });
    expect(result.pointsAwarded).toBe(30);
    const entries = await getDb().ledgerEntry.findMany({ where: { tenantId: ctx.tenantId }, select: { customerId: true, amount: true, campaignId: true } });
    const byCustomer = new Map(entries.map((e) => [e.customerId, e]));
    expect(byCustomer.get(member.customer.id)).toMatchObject({ amount: 20, campaignId: expect.stringMatching(/^cmp_/) });
    expect(byCustomer.get(other.customer.id)).toMatchObject({ amount: 10, campaignId: null });
    await assertLedgerInvariants(ctx.tenantId);
  });
});
