import { randomUUID } from "node:crypto";
import { Queue, Worker } from "bullmq";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, unsafeCrossTenantDb } from "../../../src/server/db/client";
import { getQueue, QUEUE_PREFIX, toJobId } from "../../../src/server/jobs/queues";
import { claimSharePost, createSharePostsForEntries, recordSharePosted, shareAwardKey } from "../../../src/server/modules/sharing/share-posts";
import { createPointRule } from "../../../src/server/modules/rules/point-rule.service";
import { shareJobId, queueSharesForAwards, sweepUnfinishedShares } from "../../../src/server/pipeline/sharing/queue-shares";
import { postAwardHandler, RetryLaterError } from "../../../src/server/pipeline/sharing/sharing.handlers";
import { createRedis } from "../../../src/server/redis";
import { twitterProvider } from "../../../src/server/social/twitter/twitter.provider";
import { admin } from "../sandbox/sandbox-test-kit";
import { assertLedgerInvariants } from "../support/ledger-invariants";
import { award, brand, linkedCustomer, livePostsBy, runShare, shareFor, shareRow, startSharingSandbox, tweetPosts, type Sandbox } from "./sharing-kit";

let sandbox: Sandbox;

describe("sharing awards on the customer's behalf", () => {
  beforeAll(async () => {
    sandbox = await startSharingSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });
  beforeEach(async () => {
    await admin(sandbox.url, "DELETE", "/__admin/requests");
    await admin(sandbox.url, "DELETE", "/__admin/faults");
  });

  it("posts a consenting customer's award once, with the tenant's template, and records the post id", async () => {
    const { ctx, name } = await brand();
    const fan = await linkedCustomer(ctx);
    const entry = await award(ctx, fan.customerId, 25);

    const ids = await queueSharesForAwards(ctx, [entry]);
    expect(ids).toHaveLength(1);
    // Enqueued twice (a redelivered ingest): no second row, no second job.
    expect(await queueSharesForAwards(ctx, [entry])).toEqual([]);
    expect(await getDb().sharePost.count({ where: { tenantId: ctx.tenantId } })).toBe(1);
    const queued = (await getQueue("sharing").getJobs(["waiting", "delayed", "prioritized"])).filter((j) => j.data.sharePostId === ids[0]);
    expect(queued).toHaveLength(1);

    await runShare(ctx, ids[0]!);
    await runShare(ctx, ids[0]!); // a redelivered job

    const expected = `Just scored 25 points at ${name}! #rewards`;
    const posts = livePostsBy(fan.userId);
    expect(posts.map((p) => p.text)).toEqual([expected]);
    expect(await tweetPosts()).toHaveLength(1);
    const matching = await admin<{ matching: number }>(sandbox.url, "GET", `/__admin/posts?query=${encodeURIComponent(`from:${fan.username}`)}`);
    expect(matching.matching).toBe(1);
    expect(await shareRow(ctx, ids[0]!)).toMatchObject({
      status: "POSTED",
      externalPostId: posts[0]!.id,
      text: expected,
      attempts: 1,
      lastError: null,
      ledgerEntryId: entry.id,
    });
    await assertLedgerInvariants(ctx.tenantId);
  });

  it("a posted share pays the network's SHARE rules once (influence of the sharing account, daily cap), and that award is not shared again", async () => {
    const { ctx } = await brand();
    const rule = await createPointRule(ctx, {
      network: "TWITTER",
      action: "SHARE",
      name: "Sharing",
      basePoints: 5,
      influenceCurve: "NONE",
      influenceFactor: 1,
      maxMultiplier: 1,
      dailyCap: 8,
      minSentiment: null,
      enabled: true,
    });
    const fan = await linkedCustomer(ctx);
    const first = await shareFor(ctx, fan.customerId, 25);
    await runShare(ctx, first);
    await runShare(ctx, first); // a redelivered job
    await recordSharePosted(ctx, first, "already-recorded", new Date()); // a late second report
    const second = await shareFor(ctx, fan.customerId, 30);
    await runShare(ctx, second);

    const shareEntries = await getDb().ledgerEntry.findMany({
      where: { tenantId: ctx.tenantId, source: "SHARE" },
      orderBy: { createdAt: "asc" },
      select: { id: true, amount: true, idempotencyKey: true, ruleId: true, explanation: true },
    });
    // 5 for the first share, then the daily cap of 8 leaves 3 for the second.
    expect(shareEntries.map((e) => [e.idempotencyKey, e.amount, e.ruleId])).toEqual([
      [shareAwardKey(first, rule.id), 5, rule.id],
      [shareAwardKey(second, rule.id), 3, rule.id],
    ]);
    expect(JSON.stringify(shareEntries[0]!.explanation)).toContain(`shared through @${fan.username}`);
    expect(await getDb().sharePost.count({ where: { tenantId: ctx.tenantId, ledgerEntryId: { in: shareEntries.map((e) => e.id) } } })).toBe(0);
    expect(
      await queueSharesForAwards(
        ctx,
        shareEntries.map((e) => ({ id: e.id, customerId: fan.customerId, amount: e.amount })),
      ),
    ).toEqual([]);
    await assertLedgerInvariants(ctx.tenantId);
  });

  it("creates no share without a current consent to post, for another tenant's entry, or for a debit", async () => {
    const { ctx } = await brand();
    const none = await linkedCustomer(ctx, { consent: "none" });
    const denied = await linkedCustomer(ctx, { consent: "deny" });
    const withdrawn = await linkedCustomer(ctx, { consent: "withdrawn" });
    const allowed = await linkedCustomer(ctx);
    const entries = [await award(ctx, none.customerId, 10), await award(ctx, denied.customerId, 10), await award(ctx, withdrawn.customerId, 10)];
    expect(await queueSharesForAwards(ctx, entries)).toEqual([]);

    const other = await brand();
    const foreign = await linkedCustomer(other.ctx);
    const foreignEntry = await award(other.ctx, foreign.customerId, 10);
    expect(await queueSharesForAwards(ctx, [foreignEntry])).toEqual([]);
    expect(await queueSharesForAwards(ctx, [{ ...foreignEntry, amount: -5 }])).toEqual([]);

    // The control: the consenting customer of the same tenant does get one.
    expect(await queueSharesForAwards(ctx, [await award(ctx, allowed.customerId, 10)])).toHaveLength(1);
    const rows = await getDb().sharePost.findMany({ where: { tenantId: ctx.tenantId } });
    expect(rows.map((r) => r.customerId)).toEqual([allowed.customerId]);
    expect(await getDb().sharePost.count({ where: { tenantId: other.ctx.tenantId } })).toBe(0);
  });

  it("withdrawn consent after queueing: the share fails and nothing is posted", async () => {
    const { ctx } = await brand();
    const fan = await linkedCustomer(ctx);
    const shareId = await shareFor(ctx, fan.customerId, 12);
    await unsafeCrossTenantDb().consentRecord.create({
      data: {
        tenantId: ctx.tenantId,
        customerId: fan.customerId,
        network: "TWITTER",
        socialProfileId: fan.profileId,
        scopes: [],
        allowPosting: false,
        policyVersion: "2026-01",
        revokedAt: new Date(),
      },
    });
    await runShare(ctx, shareId);
    expect(await shareRow(ctx, shareId)).toMatchObject({ status: "FAILED", lastError: expect.stringMatching(/no longer allowed/) });
    expect(await tweetPosts()).toHaveLength(0);
  });

  it("a 5xx is retried and the award is posted once", async () => {
    const { ctx } = await brand();
    const fan = await linkedCustomer(ctx);
    const shareId = await shareFor(ctx, fan.customerId, 40);
    await admin(sandbox.url, "POST", "/__admin/faults", { kind: "server_error", count: 1, path_prefix: "/2/tweets", status: 503 });

    await expect(runShare(ctx, shareId)).rejects.toBeInstanceOf(RetryLaterError);
    expect(await shareRow(ctx, shareId)).toMatchObject({ status: "FAILED", attempts: 1, lastError: expect.stringMatching(/503/) });
    expect(livePostsBy(fan.userId)).toHaveLength(0);

    await runShare(ctx, shareId);
    const posts = livePostsBy(fan.userId);
    expect(posts).toHaveLength(1);
    expect((await tweetPosts()).map((r) => r.status)).toEqual([503, 201]);
    expect(await shareRow(ctx, shareId)).toMatchObject({ status: "POSTED", attempts: 2, externalPostId: posts[0]!.id, lastError: null });
  });

  it("a worker that died after posting: the retry finds the post instead of posting again", async () => {
    const { ctx } = await brand();
    const fan = await linkedCustomer(ctx);
    const shareId = await shareFor(ctx, fan.customerId, 33);
    // The dead attempt: claimed (attempt marker committed) ten minutes ago, posted, never recorded.
    const claim = await claimSharePost(ctx, shareId, new Date(Date.now() - 10 * 60_000));
    const { externalId } = await twitterProvider.publish({ accessToken: fan.accessToken }, claim!.text);

    await runShare(ctx, shareId);
    expect(livePostsBy(fan.userId).map((p) => p.id)).toEqual([externalId]);
    expect(await tweetPosts()).toHaveLength(1); // only the dead attempt's
    expect(await shareRow(ctx, shareId)).toMatchObject({ status: "POSTED", externalPostId: externalId, attempts: 2 });
  });

  it("the same crash when search cannot see the post yet: X's duplicate 403 is taken as 'already posted'", async () => {
    const { ctx } = await brand();
    const fan = await linkedCustomer(ctx);
    const shareId = await shareFor(ctx, fan.customerId, 34);
    const claim = await claimSharePost(ctx, shareId, new Date(Date.now() - 10 * 60_000));
    await twitterProvider.publish({ accessToken: fan.accessToken }, claim!.text);
    await admin(sandbox.url, "PUT", "/__admin/toggles", { searchIndexLagMs: 3_600_000 });
    try {
      await runShare(ctx, shareId);
    } finally {
      await admin(sandbox.url, "PUT", "/__admin/toggles", { searchIndexLagMs: 0 });
    }
    expect(livePostsBy(fan.userId)).toHaveLength(1);
    expect((await tweetPosts()).map((r) => r.status)).toEqual([201, 403]);
    expect(await shareRow(ctx, shareId)).toMatchObject({ status: "POSTED", attempts: 2 });
    // A duplicate answer is not a revoked account.
    expect(await getDb().socialProfile.findFirst({ where: { tenantId: ctx.tenantId, id: fan.profileId } })).toMatchObject({ status: "ACTIVE" });
  });

  it("a first attempt refused as duplicate (same text already live) fails for good without touching the profile", async () => {
    const { ctx } = await brand();
    const fan = await linkedCustomer(ctx);
    const first = await shareFor(ctx, fan.customerId, 50);
    const second = await shareFor(ctx, fan.customerId, 50);
    await runShare(ctx, first);
    await runShare(ctx, second);
    await runShare(ctx, second);
    expect(livePostsBy(fan.userId)).toHaveLength(1);
    expect(await shareRow(ctx, first)).toMatchObject({ status: "POSTED" });
    expect(await shareRow(ctx, second)).toMatchObject({ status: "FAILED", externalPostId: null, lastError: expect.stringMatching(/duplicate/) });
    expect(await getDb().socialProfile.findFirst({ where: { tenantId: ctx.tenantId, id: fan.profileId } })).toMatchObject({ status: "ACTIVE" });
  });

  it("two workers running the same share at once post it once", async () => {
    const { ctx } = await brand();
    const fan = await linkedCustomer(ctx);
    const shareId = await shareFor(ctx, fan.customerId, 21);
    // A slow X keeps the first run's call in flight while the others try to claim the row.
    await admin(sandbox.url, "POST", "/__admin/faults", { kind: "slow", count: 3, path_prefix: "/2/tweets", delay_ms: 400 });
    const results = await Promise.allSettled([runShare(ctx, shareId), runShare(ctx, shareId), runShare(ctx, shareId)]);
    expect(results.filter((r) => r.status === "rejected").map((r) => r.reason)).toEqual([expect.any(RetryLaterError), expect.any(RetryLaterError)]);
    expect(livePostsBy(fan.userId)).toHaveLength(1);
    expect(await tweetPosts()).toHaveLength(1);
    expect(await shareRow(ctx, shareId)).toMatchObject({ status: "POSTED", attempts: 1 });
  });

  it("the sweeper re-queues a share whose job was lost, and only once", async () => {
    const { ctx } = await brand();
    const fan = await linkedCustomer(ctx);
    const entry = await award(ctx, fan.customerId, 8);
    // Rows committed (e.g. inside the ingest transaction) but the process died before enqueueing.
    const [created] = await createSharePostsForEntries(getDb(), ctx, [entry.id]);
    const jobId = toJobId(shareJobId(created!.id));
    expect(await getQueue("sharing").getJob(jobId)).toBeUndefined();

    expect(await sweepUnfinishedShares({ now: new Date(Date.now() + 60_000) })).toBe(0); // not idle long enough yet
    expect(await sweepUnfinishedShares({ now: new Date(Date.now() + 10 * 60_000) })).toBeGreaterThanOrEqual(1);
    expect(await sweepUnfinishedShares({ now: new Date(Date.now() + 10 * 60_000) })).toBeGreaterThanOrEqual(1);
    const jobs = (await getQueue("sharing").getJobs(["waiting", "delayed", "prioritized"])).filter((j) => j.data.sharePostId === created!.id);
    expect(jobs.map((j) => j.id)).toEqual([jobId]);

    await runShare(ctx, created!.id);
    expect(livePostsBy(fan.userId)).toHaveLength(1);
    // Once POSTED the row is finished: its job gone, the sweeper does not bring it back.
    await jobs[0]!.remove();
    await sweepUnfinishedShares({ now: new Date(Date.now() + 10 * 60_000) });
    expect(await getQueue("sharing").getJob(jobId)).toBeUndefined();
  });

  it("a 429 parks the job until X's reset without spending an attempt, then posts", async () => {
    const { ctx } = await brand();
    const fan = await linkedCustomer(ctx);
    const shareId = await shareFor(ctx, fan.customerId, 27);
    await admin(sandbox.url, "POST", "/__admin/faults", { kind: "rate_limit", count: 1, path_prefix: "/2/tweets" });

    // Through a real worker, so the job can be moved to delayed with its lock token.
    const queueName = `sharing-test-${randomUUID().slice(0, 6)}`;
    const queue = new Queue(queueName, { connection: createRedis("producer"), prefix: QUEUE_PREFIX });
    const worker = new Worker(queueName, (job) => postAwardHandler(job.data, job), { connection: createRedis("worker"), prefix: QUEUE_PREFIX });
    try {
      const job = await queue.add("share.post-award", { tenantId: ctx.tenantId, sharePostId: shareId }, { attempts: 3 });
      const deadline = Date.now() + 10_000;
      while ((await job.getState()) !== "delayed") {
        if (Date.now() > deadline) throw new Error(`job state ${await job.getState()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const redis = createRedis("cache");
      const score = Number(await redis.zscore(`${QUEUE_PREFIX}:${queueName}:delayed`, job.id!));
      await redis.quit();
      const until = Math.floor(score / 0x1000);
      // X's x-rate-limit-reset (the sandbox clock's now + its 15-minute window).
      expect(until).toBeGreaterThan(sandbox.clock.now() + 14 * 60_000);
      expect(until).toBeLessThan(sandbox.clock.now() + 16 * 60_000);
      const fresh = await queue.getJob(job.id!);
      expect(fresh!.attemptsMade).toBe(0);
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
    expect(await shareRow(ctx, shareId)).toMatchObject({ status: "FAILED", attempts: 0, lastError: expect.stringMatching(/429/) });
    expect(livePostsBy(fan.userId)).toHaveLength(0);

    await runShare(ctx, shareId); // after the reset
    expect(livePostsBy(fan.userId)).toHaveLength(1);
    expect(await shareRow(ctx, shareId)).toMatchObject({ status: "POSTED", attempts: 1 });
  });
});
