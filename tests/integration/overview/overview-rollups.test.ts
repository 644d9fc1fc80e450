import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb, unsafeCrossTenantDb } from "../../../src/server/db/client";
import { enqueue } from "../../../src/server/jobs/queues";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { dailyLiability } from "../../../src/server/modules/ledger/liability";
import { reverseLedgerEntry } from "../../../src/server/modules/ledger/reverse-entry";
import { createSource, deleteSource } from "../../../src/server/modules/listening/source.service";
import { readOverviewFigures } from "../../../src/server/modules/overview/overview-figures";
import { topAdvocates } from "../../../src/server/modules/overview/overview-top";
import { addDays, resolvePeriod } from "../../../src/server/modules/overview/overview.schemas";
import { redeemReward } from "../../../src/server/modules/rewards/redeem-reward";
import { createReward } from "../../../src/server/modules/rewards/reward.service";
import { scheduleDuePolls } from "../../../src/server/pipeline/schedule-polls";
import { startWorkers, type RunningWorkers } from "../../../src/workers/start-workers";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { waitFor } from "../support/wait-for";
import { linkProfile, sandboxPost, sandboxUser, setUpListening, startPipelineSandbox } from "../pipeline/pipeline-kit";
import { rollupsAndRecount, wideRange } from "./rollup-kit";

const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.parse(`${today()}T12:00:00Z`) - n * 86_400_000);

async function expectRollupsMatchRecount(ctx: TenantContext) {
  const tables = await rollupsAndRecount(ctx);
  for (const [name, { rollup, recount }] of Object.entries(tables)) expect(rollup, name).toEqual(recount);
  return tables;
}

/** A mention the way a Foursquare check-in lands (no term), posted `ago` days back. */
async function checkinMention(ctx: TenantContext, ago: number, sentimentLabel: "PROMOTER" | "PASSIVE" | "DETRACTOR" | null) {
  return getDb().mention.create({
    data: {
      tenantId: ctx.tenantId,
      network: "FOURSQUARE",
      externalId: `chk-${ago}-${Math.random()}`,
      authorExternalId: "fsq-1",
      authorHandle: "walker",
      authorFollowers: 10,
      text: "checked in",
      postedAt: daysAgo(ago),
      sentimentLabel,
    },
  });
}

describe("the overview rollups after a pipeline run", () => {
  let sandbox: Awaited<ReturnType<typeof startPipelineSandbox>>;
  let workers: RunningWorkers;

  beforeAll(async () => {
    sandbox = await startPipelineSandbox();
    workers = startWorkers({ concurrency: 4 });
  });
  afterAll(async () => {
    await workers.close();
    await sandbox.close();
  });

  it("equal a recount from mentions, matches, ledger and links, and the figures compare two periods", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const { source: brand } = await setUpListening(ctx, "Rollup Cafe");
    const product = await createSource(ctx, { network: "TWITTER", kind: "KEYWORD", value: "oat latte" });
    const doomed = await createSource(ctx, { network: "TWITTER", kind: "HASHTAG", value: "#rollupgone" });
    const fans = [await sandboxUser(sandbox.url, "rollup_fan_a", 5_000), await sandboxUser(sandbox.url, "rollup_fan_b", 200)];
    const ann = await makeCustomer(ctx, { displayName: "Ann" });
    const bob = await makeCustomer(ctx, { displayName: "Bob" });
    await linkProfile(ctx, ann.id, fans[0]!, "rollup_fan_a");
    await linkProfile(ctx, bob.id, fans[1]!, "rollup_fan_b");
    await sandboxPost(sandbox.url, "rollup_fan_a", "I love Rollup Cafe, the oat latte is amazing #rollupgone");
    await sandboxPost(sandbox.url, "rollup_fan_a", "Rollup Cafe was terrible today, awful service");
    await sandboxPost(sandbox.url, "rollup_fan_b", "oat latte at Rollup Cafe, fine I guess");
    await sandboxPost(sandbox.url, "rollup_fan_b", "an oat latte somewhere else");

    expect(await scheduleDuePolls()).toBeGreaterThanOrEqual(3);
    const db = getDb();
    await waitFor(
      async () => (await db.listeningSource.count({ where: { tenantId: ctx.tenantId, syncStatus: "OK" } })) === 3,
      "the three sources to finish their runs",
      30_000,
    );
    expect(await db.mention.count({ where: { tenantId: ctx.tenantId } })).toBe(4);
    expect(await db.mentionMatch.count({ where: { tenantId: ctx.tenantId } })).toBeGreaterThan(0);
    await expectRollupsMatchRecount(ctx);

    // Points move: a bonus, a redemption, a reversal of one award.
    await adjustPoints(ctx, { customerId: ann.id, amount: 200, reason: "launch goodwill", idempotencyKey: "overview-bonus-1" });
    const reward = await createReward(ctx, { name: "Mug", cost: 150 });
    await redeemReward(ctx, { customerId: ann.id, rewardId: reward.id, idempotencyKey: "overview-redeem-1" });
    const award = await db.ledgerEntry.findFirstOrThrow({ where: { tenantId: ctx.tenantId, customerId: bob.id, source: "MENTION" } });
    await db.$transaction((tx) => reverseLedgerEntry(tx, ctx, { entryId: award.id, reason: "spam" }));

    // Later changes: a relabelled mention, a deleted term (its mentions' sourceId and matches go),
    // check-ins on another network now and in the previous period, a link in the previous period.
    const relabel = await db.mention.findFirstOrThrow({ where: { tenantId: ctx.tenantId, text: { contains: "fine I guess" } } });
    await db.mention.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: relabel.id } }, data: { sentimentLabel: "DETRACTOR" } });
    await deleteSource(ctx, doomed.id);
    await checkinMention(ctx, 0, "PROMOTER");
    await checkinMention(ctx, 9, null);
    await checkinMention(ctx, 10, "DETRACTOR");
    const cara = await makeCustomer(ctx, { displayName: "Cara" });
    await unsafeCrossTenantDb().socialProfile.create({
      data: {
        tenantId: ctx.tenantId,
        customerId: cara.id,
        network: "FOURSQUARE",
        externalUserId: "fsq-cara",
        handle: "cara",
        linkedAt: daysAgo(8),
        scopes: [],
      },
    });
    // Ann's second account: one more link, not one more new linked customer.
    await unsafeCrossTenantDb().socialProfile.create({
      data: { tenantId: ctx.tenantId, customerId: ann.id, network: "FOURSQUARE", externalUserId: "fsq-ann", handle: "ann", linkedAt: daysAgo(1), scopes: [] },
    });

    const tables = await expectRollupsMatchRecount(ctx);
    expect(tables.terms.rollup.some((r) => r.includes(doomed.id))).toBe(false);
    expect(tables.ledger.rollup.map((r) => JSON.parse(r).source)).toEqual(expect.arrayContaining(["MENTION", "ADJUSTMENT", "REDEMPTION", "REVERSAL"]));

    // The 7-day figures against the database's own counts.
    const period = resolvePeriod({ period: "7" });
    expect(period.previous).toEqual({ from: addDays(today(), -13), to: addDays(today(), -7) });
    const figures = await readOverviewFigures(ctx, period);
    const mentionsIn = (from: string, to: string, extra = {}) =>
      db.mention.count({
        where: { tenantId: ctx.tenantId, postedAt: { gte: new Date(`${from}T00:00:00Z`), lt: new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000) }, ...extra },
      });
    expect(figures.mentions).toEqual({
      current: await mentionsIn(period.from, period.to),
      previous: await mentionsIn(period.previous.from, period.previous.to),
    });
    expect(figures.mentions).toEqual({ current: 5, previous: 2 });
    expect(figures.mentionsByNetwork.FOURSQUARE).toEqual({ current: 1, previous: 2 });
    expect(figures.sentiment.DETRACTOR.current).toBe(await mentionsIn(period.from, period.to, { sentimentLabel: "DETRACTOR" }));
    expect(figures.sentiment.NONE.previous).toBe(1);
    expect(figures.mentionsByDay).toHaveLength(7);
    expect(figures.mentionsByDay.at(-1)).toMatchObject({ day: today(), TWITTER: 4, FOURSQUARE: 1 });
    const terms = Object.fromEntries(figures.terms.map((t) => [t.value, t.current]));
    expect(terms).toEqual({ [brand.value]: 3, [product.value]: 3 });
    expect(figures.links).toEqual({ current: 3, previous: 1 });
    expect(figures.linkedCustomers).toEqual({ current: 2, previous: 1 });

    const liability = await dailyLiability(ctx, { from: period.from, to: period.to });
    expect(figures.pointsAwarded.current).toBe(liability.totals.earned);
    expect(figures.pointsRedeemed.current).toBe(150);
    expect(figures.liability.current).toBe(liability.totals.outstanding);
    const balances = await db.pointBalance.aggregate({ where: { tenantId: ctx.tenantId }, _sum: { balance: true } });
    expect(figures.liability.current).toBe(balances._sum.balance);
    expect(figures.pointsAwarded.previous).toBe(0);
    expect(figures.liability.previous).toBe(0);
  });

  it("the recount job repairs drift for its brand's days only, and the figures never mix brands", async () => {
    const a = (await createTenantWithMember("OWNER")).ctx;
    const b = (await createTenantWithMember("OWNER")).ctx;
    await checkinMention(a, 1, "PROMOTER");
    await checkinMention(b, 1, "PROMOTER");
    await checkinMention(b, 2, "PASSIVE");
    const customer = await makeCustomer(b, { displayName: "Only in B" });
    await adjustPoints(b, { customerId: customer.id, amount: 70, reason: "welcome gift", idempotencyKey: "overview-b-1" });

    const period = resolvePeriod({ period: "30" });
    expect((await readOverviewFigures(a, period)).mentions.current).toBe(1);
    const figuresB = await readOverviewFigures(b, period);
    expect(figuresB.mentions.current).toBe(2);
    expect(figuresB.liability.current).toBe(70);
    expect((await readOverviewFigures(a, period)).liability.current).toBe(0);

    // Drift in both brands (as after a bulk load with the triggers off); A is repaired, B is not.
    const db = getDb();
    await db.$executeRaw`UPDATE "MentionDayRollup" SET mentions = mentions + 40 WHERE "tenantId" IN (${a.tenantId}, ${b.tenantId})`;
    await db.$executeRaw`DELETE FROM "LedgerDayRollup" WHERE "tenantId" = ${b.tenantId}`;
    await db.$executeRaw`DELETE FROM "CustomerPointsDayRollup" WHERE "tenantId" = ${b.tenantId}`;
    await db.$executeRaw`DELETE FROM "CustomerPointsMonthRollup" WHERE "tenantId" = ${b.tenantId}`;
    expect((await readOverviewFigures(a, period)).mentions.current).toBe(41);
    expect(await topAdvocates(b, period)).toEqual([]);

    const { from, to } = wideRange();
    await enqueue("overview.recount-rollups", { tenantId: a.tenantId, from, to });
    await waitFor(async () => (await readOverviewFigures(a, period)).mentions.current === 1, "the recount of brand A", 20_000);
    await expectRollupsMatchRecount(a);
    // Two rows of B (two days) each drifted by 40, untouched by A's repair.
    expect((await readOverviewFigures(b, period)).mentions.current).toBe(82);
    expect((await readOverviewFigures(b, period)).liability.current).toBe(0);

    await enqueue("overview.recount-rollups", { tenantId: b.tenantId, from, to });
    await waitFor(async () => (await readOverviewFigures(b, period)).liability.current === 70, "the recount of brand B", 20_000);
    await expectRollupsMatchRecount(b);
    expect((await readOverviewFigures(b, period)).mentions.current).toBe(2);
    expect((await topAdvocates(b, period)).map((l) => [l.name, l.points])).toEqual([["Only in B", 70]]);
  });

  it("follow a deleted mention (with its later matches) and an unlinked account", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const db = getDb();
    const first = await createSource(ctx, { network: "TWITTER", kind: "KEYWORD", value: "first term" });
    const later = await createSource(ctx, { network: "TWITTER", kind: "KEYWORD", value: "later term" });
    await checkinMention(ctx, 0, "PASSIVE");
    const gone = await db.mention.create({
      data: {
        tenantId: ctx.tenantId,
        network: "TWITTER",
        externalId: "gone-1",
        sourceId: first.id,
        authorExternalId: "x",
        authorHandle: "x",
        authorFollowers: 1,
        text: "first term and later term",
        postedAt: daysAgo(1),
      },
    });
    await db.mentionMatch.create({ data: { tenantId: ctx.tenantId, mentionId: gone.id, sourceId: later.id } });
    const customer = await makeCustomer(ctx, { displayName: "Unlinker" });
    const profile = await unsafeCrossTenantDb().socialProfile.create({
      data: { tenantId: ctx.tenantId, customerId: customer.id, network: "TWITTER", externalUserId: "u-1", handle: "u", linkedAt: new Date(), scopes: [] },
    });
    const period = resolvePeriod({ period: "7" });
    expect((await readOverviewFigures(ctx, period)).terms.map((t) => [t.value, t.current])).toEqual([
      ["first term", 1],
      ["later term", 1],
    ]);
    expect((await readOverviewFigures(ctx, period)).links.current).toBe(1);

    await db.mention.delete({ where: { tenantId_id: { tenantId: ctx.tenantId, id: gone.id } } });
    await db.socialProfile.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: profile.id } }, data: { customerId: null } });
    await expectRollupsMatchRecount(ctx);
    const figures = await readOverviewFigures(ctx, period);
    expect(figures.terms).toEqual([]);
    expect(figures.links.current).toBe(0);
    // The customer did link a first account in the period; the unlink does not undo that.
    expect(figures.linkedCustomers.current).toBe(1);
    expect(figures.mentions.current).toBe(1);
  });
});
