import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { ingestMentionPage } from "../../../src/server/modules/mentions/ingest-mention-page";
import { scheduleDuePolls } from "../../../src/server/pipeline/schedule-polls";
import { getQueue } from "../../../src/server/jobs/queues";
import { createSource } from "../../../src/server/modules/listening/source.service";
import { pollSourcePage } from "../../../src/server/pipeline/poll-source";
import { twitterProvider } from "../../../src/server/social/twitter/twitter.provider";
import { DEV_BEARER_TOKEN } from "../../../src/sandbox/start-sandbox";
import { startWorkers, type RunningWorkers } from "../../../src/workers/start-workers";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { assertLedgerInvariants } from "../support/ledger-invariants";
import { linkProfile, sandboxPost, sandboxUser, setUpListening, startPipelineSandbox } from "./pipeline-kit";
import { waitFor } from "../support/wait-for";

describe("listening pipeline against the social sandbox", () => {
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

  it("polls through the real queues: stores each mention once, pays the linked customer, keeps strangers as prospects", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const { source } = await setUpListening(ctx, "Tasti D-Lite");
    const fanId = await sandboxUser(sandbox.url, "tasti_fan", 1_000);
    await sandboxUser(sandbox.url, "stranger_a", 50);
    const customer = await makeCustomer(ctx, { displayName: "Fan" });
    await linkProfile(ctx, customer.id, fanId, "tasti_fan");
    await sandboxPost(sandbox.url, "tasti_fan", "I love Tasti D-Lite, best frozen yogurt in town 😍");
    await sandboxPost(sandbox.url, "tasti_fan", "Tasti D-Lite again today, great as always");
    await sandboxPost(sandbox.url, "stranger_a", "Trying Tasti D-Lite for the first time");
    await sandboxPost(sandbox.url, "stranger_a", "nothing about the brand here");

    expect(await scheduleDuePolls()).toBeGreaterThanOrEqual(1);
    const db = getDb();
    await waitFor(
      async () => (await db.listeningSource.findFirst({ where: { tenantId: ctx.tenantId, id: source.id, syncStatus: "OK" } })) ?? null,
      "the source to finish its run",
    );
    const mentions = await db.mention.findMany({ where: { tenantId: ctx.tenantId }, orderBy: { postedAt: "asc" } });
    expect(mentions).toHaveLength(3);
    expect(mentions.filter((m) => m.status === "CREDITED").map((m) => m.customerId)).toEqual([customer.id, customer.id]);
    expect(mentions.filter((m) => m.status === "PROSPECT")).toHaveLength(1);
    for (const m of mentions) expect(m.matchedKeywords).toEqual([source.value]);
    expect(mentions.find((m) => m.customerId)?.authorFollowers).toBe(1_000);

    // 10 base × (1 + 0.5·log10(1 + 1000/100)) = 10 × 1.52 → 15 per mention
    const entries = await db.ledgerEntry.findMany({ where: { tenantId: ctx.tenantId, customerId: customer.id } });
    expect(entries.map((e) => e.amount)).toEqual([15, 15]);
    expect((entries[0]!.explanation as { formula: string }).formula).toMatch(/10 × 1\.52 influence = 15/);
    const balance = await db.pointBalance.findFirst({ where: { tenantId: ctx.tenantId, customerId: customer.id } });
    expect(balance?.balance).toBe(30);

    // the cursor moved: the next run asks only for newer posts and pays nothing again
    const cursor = (await db.listeningSource.findFirst({ where: { tenantId: ctx.tenantId, id: source.id } }))?.cursor;
    expect(cursor).toMatch(/^\d+$/);
    await db.listeningSource.updateMany({ where: { tenantId: ctx.tenantId, id: source.id }, data: { nextRunAt: null } });
    const again = await pollSourcePage(ctx, source.id, null);
    expect(again).toMatchObject({ status: "page", ingest: { received: 0, stored: 0 } });
    await assertLedgerInvariants(ctx.tenantId);
  });

  it("a redelivered or overlapping page changes nothing", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    await setUpListening(ctx, "Redelivery Co");
    const authorId = await sandboxUser(sandbox.url, "redeliver_fan", 200);
    const customer = await makeCustomer(ctx);
    await linkProfile(ctx, customer.id, authorId, "redeliver_fan");
    await sandboxPost(sandbox.url, "redeliver_fan", "Redelivery Co is great");
    const page = await twitterProvider.searchMentions(
      { bearerToken: DEV_BEARER_TOKEN },
      { query: '"Redelivery Co"', sinceId: null, pageToken: null, maxResults: 100 },
    );
    expect(page.mentions).toHaveLength(1);
    const first = await ingestMentionPage(ctx, { network: "TWITTER", sourceId: null, matchedKeywords: ["redelivery co"], mentions: page.mentions });
    const results = await Promise.all(
      [1, 2, 3].map(() => ingestMentionPage(ctx, { network: "TWITTER", sourceId: null, matchedKeywords: ["redelivery co"], mentions: page.mentions })),
    );
    expect(first).toMatchObject({ stored: 1, credited: 1 });
    for (const r of results) expect(r).toMatchObject({ stored: 0, duplicates: 1, credited: 0, pointsAwarded: 0 });
    expect(await getDb().ledgerEntry.count({ where: { tenantId: ctx.tenantId } })).toBe(1);
    await assertLedgerInvariants(ctx.tenantId);
  });

  it("obeys a 429 storm: the source waits for the reset, pays nothing twice, then catches up", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const { source } = await setUpListening(ctx, "Storm Brand");
    const authorId = await sandboxUser(sandbox.url, "storm_fan", 10);
    const customer = await makeCustomer(ctx);
    await linkProfile(ctx, customer.id, authorId, "storm_fan");
    await sandboxPost(sandbox.url, "storm_fan", "Storm Brand rocks");
    await fetch(`${sandbox.url}/__admin/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind: "rate_limit", count: 1 }),
    });
    const throttled = await pollSourcePage(ctx, source.id, null);
    expect(throttled.status).toBe("throttled");
    const row = await getDb().listeningSource.findFirst({ where: { tenantId: ctx.tenantId, id: source.id } });
    expect(row).toMatchObject({ syncStatus: "THROTTLED", throttleCount: 1 });
    expect(row!.nextRunAt!.getTime()).toBeGreaterThan(Date.now());
    expect(await getDb().mention.count({ where: { tenantId: ctx.tenantId } })).toBe(0);

    const after = await pollSourcePage(ctx, source.id, null);
    expect(after).toMatchObject({ status: "page", ingest: { stored: 1, credited: 1 } });
    await assertLedgerInvariants(ctx.tenantId);
  });

  it("marks the source and connection 'needs reconnect' once when the token is refused, and stops polling", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const { source } = await setUpListening(ctx, "Revoked Brand");
    const { saveChannelConnection } = await import("../../../src/server/modules/channels/channel.service");
    await saveChannelConnection(ctx, { network: "TWITTER", credentials: { kind: "bearer", bearerToken: "AAAA-not-a-valid-sandbox-token-AAAA" } });
    const outcome = await pollSourcePage(ctx, source.id, null);
    expect(outcome.status).toBe("needs_reconnect");
    const db = getDb();
    expect(await db.listeningSource.findFirst({ where: { tenantId: ctx.tenantId, id: source.id } })).toMatchObject({ syncStatus: "NEEDS_RECONNECT" });
    expect(await db.channelConnection.findFirst({ where: { tenantId: ctx.tenantId } })).toMatchObject({ status: "NEEDS_RECONNECT" });
    const due = await (await import("../../../src/server/modules/listening/source-sync")).unsafeListDueSources();
    expect(due.map((d) => d.id)).not.toContain(source.id);
  });

  it("schedules only sources a network can search: a Foursquare venue source is never polled into an error", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const venue = await createSource(ctx, { network: "FOURSQUARE", kind: "VENUE", value: "4bf58dd8d48988d1e0931735" });
    const keyword = await createSource(ctx, { network: "TWITTER", kind: "KEYWORD", value: "searchable co" });
    await scheduleDuePolls();
    const queued = await getQueue("listening").getJobs(["waiting", "active", "delayed", "completed", "failed"]);
    const sources = queued.map((j) => (j.data as { sourceId?: string }).sourceId);
    expect(sources).toContain(keyword.id);
    expect(sources).not.toContain(venue.id);
    expect(await getDb().listeningSource.findFirst({ where: { tenantId: ctx.tenantId, id: venue.id } })).toMatchObject({ syncStatus: "IDLE", lastError: null });
  });

  it("a cursor too old for the search window is reset by its own run, and the next poll starts from the window", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const { source } = await setUpListening(ctx, "Old Cursor Co");
    await sandboxUser(sandbox.url, "old_cursor_fan", 100);
    await sandboxPost(sandbox.url, "old_cursor_fan", "Old Cursor Co again");
    // An X id (snowflake) from 9 days ago: older than recent search's 7-day window.
    const nineDaysAgo = BigInt(Date.now() - 9 * 24 * 3600 * 1000 - 1288834974657) << 22n;
    await getDb().listeningSource.updateMany({ where: { tenantId: ctx.tenantId, id: source.id }, data: { cursor: nineDaysAgo.toString() } });

    const refused = await pollSourcePage(ctx, source.id, null);
    expect(refused).toMatchObject({ status: "failed", retryable: false });
    const reset = await getDb().listeningSource.findFirst({ where: { tenantId: ctx.tenantId, id: source.id } });
    expect(reset).toMatchObject({ syncStatus: "OK", cursor: null, lastError: null });
    expect(reset!.nextRunAt!.getTime()).toBeLessThanOrEqual(Date.now());

    const next = await pollSourcePage(ctx, source.id, null);
    expect(next).toMatchObject({ status: "page", ingest: { stored: 1 } });
    expect((await getDb().listeningSource.findFirst({ where: { tenantId: ctx.tenantId, id: source.id } }))!.cursor).not.toBeNull();
  });
});
