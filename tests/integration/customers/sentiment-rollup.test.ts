// Customers labelled promoter / passive / detractor from their last 90 days of mentions, by the
// scheduled rollup: correct labels, only customers whose mentions changed are recomputed, aged-out
// mentions clear labels, and the job runs through the real registry, queue and worker.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb, unsafeCrossTenantDb } from "../../../src/server/db/client";
import type { MentionStatus } from "../../../src/server/db/generated/enums";
import { enqueue } from "../../../src/server/jobs/queues";
import {
  rollUpCustomerSentiment,
  SENTIMENT_ROLLUP_OVERLAP_MS,
  unsafeListTenantsForSentimentRollup,
} from "../../../src/server/modules/customers/customer-sentiment";
import { deleteCustomer, listCustomers } from "../../../src/server/modules/customers/customer.service";
import { disqualifyMention } from "../../../src/server/modules/mentions/moderation/disqualify-mention";
import { postLedgerEntries } from "../../../src/server/modules/ledger/post-entries";
import { startWorkers, type RunningWorkers } from "../../../src/workers/start-workers";
import { createTenantWithMember, makeCustomer } from "../support/factories";

const DAY = 24 * 3600_000;
let seq = 0;

/** A stored mention as ingest leaves it, written by hand: its score, status and times are the test's. */
async function mention(
  ctx: TenantContext,
  customerId: string | null,
  score: number,
  { postedAt = new Date(Date.now() - DAY), updatedAt = new Date(), status = "CREDITED" }: { postedAt?: Date; updatedAt?: Date; status?: MentionStatus } = {},
): Promise<string> {
  const n = ++seq;
  const rows = await getDb().$queryRaw<{ id: string }[]>`
    INSERT INTO "Mention" ("tenantId", network, "externalId", "customerId", "authorExternalId", "authorHandle", "authorFollowers",
                           text, "postedAt", "sentimentScore", "sentimentLabel", status, "createdAt", "updatedAt")
    VALUES (${ctx.tenantId}, 'TWITTER', ${`post-${n}`}, ${customerId}, ${`author-${n}`}, ${`author_${n}`}, 100, 'a post',
            ${postedAt.toISOString()}::timestamptz AT TIME ZONE 'UTC', ${score}, NULL, ${status}::"MentionStatus",
            ${updatedAt.toISOString()}::timestamptz AT TIME ZONE 'UTC', ${updatedAt.toISOString()}::timestamptz AT TIME ZONE 'UTC')
    RETURNING id`;
  return rows[0]!.id;
}

async function sentimentOf(ctx: TenantContext, customerId: string) {
  const row = await getDb().customer.findFirstOrThrow({
    where: { tenantId: ctx.tenantId, id: customerId },
    select: { sentimentLabel: true, sentimentScore: true },
  });
  return { label: row.sentimentLabel, score: row.sentimentScore };
}

async function named(ctx: TenantContext, name: string) {
  return (await makeCustomer(ctx, { displayName: name })).id;
}

describe("customer sentiment rollup", () => {
  it("labels each customer from the mean of their last 90 days, leaving out disqualified and deleted mentions", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const promoter = await named(ctx, "Promoter");
    const boundary = await named(ctx, "Detractor on the threshold");
    const passive = await named(ctx, "Passive");
    const excluded = await named(ctx, "Detractor once the rest is excluded");
    const stale = await named(ctx, "Only old mentions");
    const quiet = await named(ctx, "No mentions");
    const erased = await named(ctx, "Erased");

    await mention(ctx, promoter, 0.6);
    await mention(ctx, promoter, 0.2);
    await mention(ctx, boundary, -0.5);
    await mention(ctx, boundary, 0.1); // mean -0.2: a detractor (the threshold is inclusive)
    await mention(ctx, passive, 0.1);
    await mention(ctx, passive, 0);
    await mention(ctx, excluded, 0.9, { status: "DISQUALIFIED" });
    await mention(ctx, excluded, 0.9, { status: "DELETED" });
    await mention(ctx, excluded, -0.6, { status: "IGNORED" });
    await mention(ctx, stale, 0.9, { postedAt: new Date(Date.now() - 91 * DAY) });
    await getDb().customer.updateMany({ where: { tenantId: ctx.tenantId, id: stale }, data: { sentimentLabel: "PROMOTER", sentimentScore: 0.9 } });
    await mention(ctx, null, -1, { status: "PROSPECT" }); // a prospect's mention belongs to no customer
    // An erased customer keeps its row but is nobody's business any more.
    await getDb().$transaction((tx) =>
      postLedgerEntries(tx, ctx, [{ customerId: erased, amount: 5, source: "ADJUSTMENT", idempotencyKey: "rollup-erased", explanation: { formula: "5" } }]),
    );
    await mention(ctx, erased, 0.8);
    await deleteCustomer(ctx, erased);
    // Another tenant's customer is not this run's business either.
    const other = await createTenantWithMember("OWNER");
    const theirs = await named(other.ctx, "Theirs");
    await mention(other.ctx, theirs, 0.9);

    const result = await rollUpCustomerSentiment(ctx);
    expect(result).toEqual({ firstRun: true, examined: 5, updated: 5 });
    expect(await sentimentOf(ctx, promoter)).toEqual({ label: "PROMOTER", score: 0.4 });
    expect(await sentimentOf(ctx, boundary)).toEqual({ label: "DETRACTOR", score: -0.2 });
    expect(await sentimentOf(ctx, passive)).toEqual({ label: "PASSIVE", score: 0.05 });
    expect(await sentimentOf(ctx, excluded)).toEqual({ label: "DETRACTOR", score: -0.6 });
    expect(await sentimentOf(ctx, stale)).toEqual({ label: null, score: null });
    expect(await sentimentOf(ctx, quiet)).toEqual({ label: null, score: null });
    expect(await sentimentOf(ctx, erased)).toEqual({ label: null, score: null });
    expect(await sentimentOf(other.ctx, theirs)).toEqual({ label: null, score: null });

    // The customers list shows the label and filters on it.
    const list = await listCustomers(ctx, { sentiment: "DETRACTOR" });
    expect(list.items.map((c) => c.displayName).sort()).toEqual(["Detractor on the threshold", "Detractor once the rest is excluded"]);
    expect(list.items.find((c) => c.id === boundary)).toMatchObject({ sentimentLabel: "DETRACTOR", sentimentScore: -0.2 });
    expect((await listCustomers(ctx, { sentiment: "UNLABELLED" })).items.map((c) => c.displayName).sort()).toEqual(["No mentions", "Only old mentions"]);
  });

  it("recomputes only customers whose mentions changed since the last run, and clears labels whose mentions aged out", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const [a, b, c] = [await named(ctx, "A"), await named(ctx, "B"), await named(ctx, "C")];
    // Stored an hour ago: older than the next run's look-back (watermark − overlap).
    const anHourAgo = new Date(Date.now() - 3600_000);
    expect(3600_000).toBeGreaterThan(SENTIMENT_ROLLUP_OVERLAP_MS);
    await mention(ctx, a, 0.5, { updatedAt: anHourAgo });
    const bMention = await mention(ctx, b, 0.5, { updatedAt: anHourAgo });
    await mention(ctx, b, -0.1, { updatedAt: anHourAgo });
    await mention(ctx, c, 0.5, { updatedAt: anHourAgo });
    expect(await rollUpCustomerSentiment(ctx)).toEqual({ firstRun: true, examined: 3, updated: 3 });
    expect(await sentimentOf(ctx, b)).toEqual({ label: "PROMOTER", score: 0.2 });

    // C's stored label is made wrong by hand: a run that looked at C would put it right.
    await getDb().customer.updateMany({ where: { tenantId: ctx.tenantId, id: c }, data: { sentimentLabel: "DETRACTOR", sentimentScore: -0.9 } });
    // A says something bad (ingest stamps updatedAt now); B's good mention is disqualified by staff.
    await mention(ctx, a, -1);
    await disqualifyMention(ctx, bMention, { reason: "spam account" });

    expect(await rollUpCustomerSentiment(ctx)).toEqual({ firstRun: false, examined: 2, updated: 2 });
    expect(await sentimentOf(ctx, a)).toEqual({ label: "DETRACTOR", score: -0.25 });
    expect(await sentimentOf(ctx, b)).toEqual({ label: "PASSIVE", score: -0.1 });
    expect(await sentimentOf(ctx, c)).toEqual({ label: "DETRACTOR", score: -0.9 }); // not looked at

    // Right away again: the same two are inside the overlap, recomputed to the same values, nothing written.
    expect(await rollUpCustomerSentiment(ctx)).toEqual({ firstRun: false, examined: 2, updated: 0 });

    // 91 days later every mention has left the window: all three are looked at and cleared.
    const later = new Date(Date.now() + 91 * DAY);
    expect(await rollUpCustomerSentiment(ctx, later)).toEqual({ firstRun: false, examined: 3, updated: 3 });
    for (const id of [a, b, c]) expect(await sentimentOf(ctx, id)).toEqual({ label: null, score: null });
    const state = await unsafeCrossTenantDb().sentimentRollupState.findUniqueOrThrow({ where: { tenantId: ctx.tenantId } });
    expect(state).toMatchObject({ watermark: later, lastExamined: 3, lastUpdated: 3 });
  });

  it("works through many batches", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const id = await named(ctx, `Batch ${i}`);
      await mention(ctx, id, i % 2 === 0 ? 0.5 : -0.5);
      ids.push(id);
    }
    expect(await rollUpCustomerSentiment(ctx, new Date(), { batchSize: 2 })).toEqual({ firstRun: true, examined: 7, updated: 7 });
    const labels = await Promise.all(ids.map(async (id) => (await sentimentOf(ctx, id)).label));
    expect(labels).toEqual(["PROMOTER", "DETRACTOR", "PROMOTER", "DETRACTOR", "PROMOTER", "DETRACTOR", "PROMOTER"]);
  });

  describe("as a scheduled job", () => {
    let workers: RunningWorkers;
    beforeAll(() => {
      workers = startWorkers({ concurrency: 2 });
    });
    afterAll(() => workers.close());

    it("fans out to tenants with recent mentions or labels, and each tenant's job labels its customers", async () => {
      const { ctx } = await createTenantWithMember("OWNER");
      const fan = await named(ctx, "Fan");
      await mention(ctx, fan, 0.7);
      const silent = await createTenantWithMember("OWNER");
      await named(silent.ctx, "Never mentioned");
      const due = await unsafeListTenantsForSentimentRollup();
      expect(due).toContain(ctx.tenantId);
      expect(due).not.toContain(silent.ctx.tenantId);

      await enqueue("customers.schedule-sentiment-rollup", {});
      const deadline = Date.now() + 20_000;
      let state = null;
      while (!state && Date.now() < deadline) {
        state = await unsafeCrossTenantDb().sentimentRollupState.findUnique({ where: { tenantId: ctx.tenantId } });
        if (!state) await new Promise((r) => setTimeout(r, 100));
      }
      expect(state, "the tenant's rollup job ran").not.toBeNull();
      expect(await sentimentOf(ctx, fan)).toEqual({ label: "PROMOTER", score: 0.7 });
    });
  });
});
