import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { createSource } from "../../../src/server/modules/listening/source.service";
import { countMentionsPerSource } from "../../../src/server/modules/listening/source-figures";
import { scheduleDuePolls } from "../../../src/server/pipeline/schedule-polls";
import { startWorkers, type RunningWorkers } from "../../../src/workers/start-workers";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { assertLedgerInvariants } from "../support/ledger-invariants";
import { linkProfile, sandboxPost, sandboxUser, setUpListening, startPipelineSandbox } from "./pipeline-kit";
import { waitFor } from "../support/wait-for";

describe("a post that matches two tracked terms", () => {
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

  it("counts under both terms, is stored once and paid once (polled through the real queues)", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const { source: brand } = await setUpListening(ctx, "Tasti D-Lite");
    const product = await createSource(ctx, { network: "TWITTER", kind: "KEYWORD", value: "frozen yogurt" });
    const fanId = await sandboxUser(sandbox.url, "two_terms_fan", 1_000);
    const customer = await makeCustomer(ctx, { displayName: "Fan" });
    await linkProfile(ctx, customer.id, fanId, "two_terms_fan");
    await sandboxPost(sandbox.url, "two_terms_fan", "Tasti D-Lite has the best frozen yogurt in town");
    await sandboxPost(sandbox.url, "two_terms_fan", "Tasti D-Lite again today");
    await sandboxPost(sandbox.url, "two_terms_fan", "frozen yogurt somewhere else");

    expect(await scheduleDuePolls()).toBeGreaterThanOrEqual(2);
    const db = getDb();
    await waitFor(
      async () => (await db.listeningSource.count({ where: { tenantId: ctx.tenantId, id: { in: [brand.id, product.id] }, syncStatus: "OK" } })) === 2,
      "both sources to finish their runs",
      30_000,
    );

    const mentions = await db.mention.findMany({ where: { tenantId: ctx.tenantId }, orderBy: { postedAt: "asc" } });
    expect(mentions).toHaveLength(3);
    const both = mentions.find((m) => m.text.includes("best frozen yogurt"))!;
    expect([...both.matchedKeywords].sort()).toEqual([brand.value, product.value].sort());

    // The source that stored it is the mention's own; the other is recorded as a later match, once.
    const matches = await db.mentionMatch.findMany({ where: { tenantId: ctx.tenantId, mentionId: both.id } });
    expect(matches).toHaveLength(1);
    expect([both.sourceId, matches[0]!.sourceId].sort()).toEqual([brand.id, product.id].sort());
    // Posts only one source found have no later match.
    expect(await db.mentionMatch.count({ where: { tenantId: ctx.tenantId } })).toBe(1);

    // Per-term figures: the brand term found two posts, the product term two; three mentions in all.
    const counts = await countMentionsPerSource(ctx);
    expect(counts.get(brand.id)).toBe(2);
    expect(counts.get(product.id)).toBe(2);

    // Paid once: one award per post (three posts by the linked fan), none twice.
    const entries = await db.ledgerEntry.findMany({ where: { tenantId: ctx.tenantId, customerId: customer.id } });
    expect(entries).toHaveLength(3);
    expect(entries.filter((e) => e.mentionId === both.id)).toHaveLength(1);
    const balance = await db.pointBalance.findFirst({ where: { tenantId: ctx.tenantId, customerId: customer.id } });
    expect(balance?.balance).toBe(entries.reduce((sum, e) => sum + e.amount, 0));
    await assertLedgerInvariants(ctx.tenantId);
  });
});
