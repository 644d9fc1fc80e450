// Deletion passes by age tier, within a lookup budget, with the brand's period and "run a pass
// now": real Postgres, Redis (the ledger queue) and the X sandbox in process.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const { getDb, unsafeCrossTenantDb } = await import("../../../src/server/db/client");
const { findQueuedJob, getQueue } = await import("../../../src/server/jobs/queues");
const { AppError } = await import("../../../src/server/errors");
const { DEV_BEARER_TOKEN } = await import("../../../src/sandbox/start-sandbox");
const { saveChannelConnection } = await import("../../../src/server/modules/channels/channel.service");
const { runDeletionPassStep } = await import("../../../src/server/pipeline/deletions/run-deletion-pass");
const { claimDeletionPass } = await import("../../../src/server/pipeline/deletions/deletion-pass-state");
const { requestDeletionPass } = await import("../../../src/server/pipeline/deletions/request-deletion-pass");
const { getDeletionChecks, updateDeletionPeriod } = await import("../../../src/server/pipeline/deletions/deletion-settings.service");
const { checksPerMention, periodMs } = await import("../../../src/server/pipeline/deletions/deletion-tiers");
const { checkDeletionsHandler } = await import("../../../src/server/pipeline/deletions/reversal.handlers");
const { addMember, createTenantWithMember } = await import("../support/factories");
const { admin } = await import("../sandbox/sandbox-test-kit");
const { sandboxUser, startPipelineSandbox } = await import("./pipeline-kit");

type Ctx = Awaited<ReturnType<typeof createTenantWithMember>>["ctx"];

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

let sandbox: Awaited<ReturnType<typeof startPipelineSandbox>>;
const AUTHOR = "dpass_author";

beforeAll(async () => {
  sandbox = await startPipelineSandbox();
  await sandboxUser(sandbox.url, AUTHOR, 100);
});
afterAll(async () => {
  await admin(sandbox.url, "PUT", "/__admin/rate-limits", { limits: { "GET /2/tweets": { app: 3500 } } });
  await sandbox.close();
});

let seq = 0;
async function brand() {
  const member = await createTenantWithMember("OWNER");
  await saveChannelConnection(member.ctx, { network: "TWITTER", credentials: { kind: "bearer", bearerToken: DEV_BEARER_TOKEN } });
  return member;
}

/** Real posts in the sandbox, stored as mentions captured at the given times (due at `dueAt`, default: captured). */
async function seedMentions(ctx: Ctx, captured: { createdAt: Date; dueAt?: Date | null }[]) {
  const n = ++seq;
  const posts = captured.map((_, i) => ({ author: AUTHOR, text: `deletion pass ${n} post ${i}`, client_id: `dp-${n}-${i}` }));
  const created: { id: string }[] = [];
  for (let i = 0; i < posts.length; i += 1000) {
    created.push(...(await admin<{ posts: { id: string }[] }>(sandbox.url, "POST", "/__admin/posts/bulk", { posts: posts.slice(i, i + 1000) })).posts);
  }
  await unsafeCrossTenantDb().mention.createMany({
    data: captured.map((c, i) => ({
      tenantId: ctx.tenantId,
      network: "TWITTER" as const,
      externalId: created[i]!.id,
      authorExternalId: "1",
      authorHandle: AUTHOR,
      authorFollowers: 100,
      text: posts[i]!.text,
      postedAt: c.createdAt,
      status: "PROSPECT" as const,
      createdAt: c.createdAt,
      deletionCheckAt: c.dueAt === undefined ? c.createdAt : c.dueAt,
    })),
  });
  return created.map((p) => p.id);
}

async function mention(ctx: Ctx, externalId: string) {
  return (await getDb().mention.findFirst({ where: { tenantId: ctx.tenantId, externalId } }))!;
}

async function stateOf(ctx: Ctx) {
  return getDb().deletionCheckState.findFirst({ where: { tenantId: ctx.tenantId, network: "TWITTER" } });
}

/** Runs a pass to its end as the worker would (each "more" is the next job). */
async function runPass(ctx: Ctx, options: { now?: Date; batchSize?: number } = {}) {
  let result = await runDeletionPassStep(ctx, "TWITTER", null, options);
  let steps = 1;
  while (result.status === "more") {
    result = await runDeletionPassStep(ctx, "TWITTER", result.passId, options);
    steps += 1;
  }
  return { result, steps, state: (await stateOf(ctx))! };
}

async function expectAppError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as InstanceType<typeof AppError>).code).toBe(code);
}

describe("age tiers", () => {
  it("a pass reads only the mentions that are due, and moves each to its tier's next check", async () => {
    const t = await brand();
    const now = new Date();
    const [young, hours, days, notYet] = await seedMentions(t.ctx, [
      { createdAt: new Date(now.getTime() - 5 * MIN) },
      { createdAt: new Date(now.getTime() - 3 * HOUR) },
      { createdAt: new Date(now.getTime() - 3 * DAY) },
      { createdAt: new Date(now.getTime() - 2 * DAY), dueAt: new Date(now.getTime() + 5 * HOUR) },
    ]);
    const { result, state } = await runPass(t.ctx, { now });
    expect(result).toMatchObject({ status: "finished", outcome: "done", carriedOver: 0 });
    expect(state).toMatchObject({ lastPassChecked: 3, lastPassLookups: 1, lastPassDeleted: 0, lastPassTrigger: "schedule" });
    expect((await mention(t.ctx, young!)).deletionCheckAt).toEqual(new Date(now.getTime() + 10 * MIN));
    expect((await mention(t.ctx, hours!)).deletionCheckAt).toEqual(new Date(now.getTime() + HOUR));
    expect((await mention(t.ctx, days!)).deletionCheckAt).toEqual(new Date(now.getTime() + DAY));
    expect((await mention(t.ctx, notYet!)).deletionCheckAt).toEqual(new Date(now.getTime() + 5 * HOUR));

    // Eleven minutes on, only the young one is due.
    const later = await runPass(t.ctx, { now: new Date(now.getTime() + 11 * MIN) });
    expect(later.state).toMatchObject({ lastPassChecked: 1, lastPassOutcome: "done" });
    expect((await mention(t.ctx, young!)).deletionCheckAt).toEqual(new Date(now.getTime() + 21 * MIN));
  });

  it("a post deleted upstream is reversed at its next due check and never looked up again", async () => {
    const t = await brand();
    const now = new Date();
    const [gone, kept] = await seedMentions(t.ctx, [{ createdAt: new Date(now.getTime() - 2 * HOUR) }, { createdAt: new Date(now.getTime() - 2 * HOUR) }]);
    await admin(sandbox.url, "DELETE", `/__admin/posts/${gone}`);
    const { state } = await runPass(t.ctx, { now });
    expect(state).toMatchObject({ lastPassChecked: 2, lastPassDeleted: 1 });
    expect(await mention(t.ctx, gone!)).toMatchObject({ status: "DELETED", deletionCheckAt: null, text: "" });
    expect((await mention(t.ctx, kept!)).deletionCheckAt).toEqual(new Date(now.getTime() + HOUR));
    const next = await runPass(t.ctx, { now: new Date(now.getTime() + HOUR) });
    expect(next.state).toMatchObject({ lastPassChecked: 1, lastPassDeleted: 0 });
  });
});

describe("lookup budget and carry-over", () => {
  it("spends a share of the allowance X reports, carries the rest over oldest-due first, and checks everything once the window resets", async () => {
    // A 10-lookup window and 2 posts per lookup: 24 due mentions need 12 lookups.
    await admin(sandbox.url, "PUT", "/__admin/rate-limits", { limits: { "GET /2/tweets": { app: 10 } } });
    try {
      const t = await brand();
      const now = new Date();
      const ids = await seedMentions(
        t.ctx,
        Array.from({ length: 24 }, (_, i) => ({ createdAt: new Date(now.getTime() - 2 * HOUR), dueAt: new Date(now.getTime() - (24 - i) * MIN) })),
      );

      // Never asked before: the first lookup says 9 left; the pass takes 1 + half of 9 = 5 lookups.
      const first = await runPass(t.ctx, { now, batchSize: 2 });
      expect(first.result).toMatchObject({ status: "finished", outcome: "budget_spent", carriedOver: 14 });
      expect(first.state).toMatchObject({ lastPassLookups: 5, lastPassChecked: 10, lastPassCarriedOver: 14, lookupLimit: 10, lookupRemaining: 5 });
      // Oldest due first: exactly the ten that were due longest are done.
      const checked = (id: string) => mention(t.ctx, id).then((m) => m.deletionCheckAt!.getTime() > now.getTime());
      expect(await Promise.all(ids.map(checked))).toEqual(ids.map((_, i) => i < 10));

      // Same window: half of the 5 left = 2 lookups; the network's allowance is never run dry.
      const second = await runPass(t.ctx, { now, batchSize: 2 });
      expect(second.state).toMatchObject({
        lastPassOutcome: "budget_spent",
        lastPassLookups: 2,
        lastPassChecked: 4,
        lastPassCarriedOver: 10,
        lookupRemaining: 3,
      });
      const third = await runPass(t.ctx, { now, batchSize: 2 });
      expect(third.state).toMatchObject({ lastPassLookups: 1, lastPassChecked: 2, lastPassCarriedOver: 8, lookupRemaining: 2 });

      // The window resets (sandbox and remembered): the rest is checked, nothing skipped.
      await admin(sandbox.url, "POST", "/__admin/rate-limits/reset");
      const after = new Date(Math.max(now.getTime(), first.state.lookupResetAt!.getTime()) + 1000);
      const fourth = await runPass(t.ctx, { now: after, batchSize: 2 });
      expect(fourth.state).toMatchObject({ lastPassOutcome: "done", lastPassChecked: 8, lastPassCarriedOver: 0 });
      expect(await getDb().mention.count({ where: { tenantId: t.ctx.tenantId, deletionCheckAt: { lte: now } } })).toBe(0);
    } finally {
      await admin(sandbox.url, "PUT", "/__admin/rate-limits", { limits: { "GET /2/tweets": { app: 3500 } } });
    }
  });

  it("a 429 ends the pass as throttled and remembers the allowance is gone until the reset", async () => {
    const t = await brand();
    const [id] = await seedMentions(t.ctx, [{ createdAt: new Date(Date.now() - HOUR) }]);
    await admin(sandbox.url, "POST", "/__admin/faults", { kind: "rate_limit", count: 1, path_prefix: "/2/tweets" });
    const { result, state } = await runPass(t.ctx);
    expect(result).toMatchObject({ outcome: "throttled", carriedOver: 1 });
    expect(state.lookupRemaining).toBe(0);
    expect(state.lookupResetAt!.getTime()).toBeGreaterThan(Date.now());
    // Until then, a pass spends nothing.
    const held = await runPass(t.ctx);
    expect(held.state).toMatchObject({ lastPassOutcome: "budget_spent", lastPassLookups: 0, lastPassCarriedOver: 1 });
    expect((await mention(t.ctx, id!)).status).toBe("PROSPECT");
  });

  it("measured: lookups of a steady stream over a simulated day, tiers against the old hourly re-read of the whole window", async () => {
    // 8 days of capture, 20 an hour, posts real in the sandbox; each mention is due at capture.
    const t = await brand();
    const start = new Date();
    const perHour = 20;
    const captured = Array.from({ length: 8 * 24 * perHour }, (_, i) => ({ createdAt: new Date(start.getTime() - 7 * DAY + (i * HOUR) / perHour) }));
    await seedMentions(t.ctx, captured);
    // Warm-up (not measured) brings every mention onto its tier: hourly passes over the first six
    // days (their mentions are in the daily tier by the measured day), 10-minute ones over the last.
    for (let at = start.getTime() - 7 * DAY; at < start.getTime(); at += at < start.getTime() - DAY ? HOUR : 10 * MIN)
      await runPass(t.ctx, { now: new Date(at) });

    let checks = 0;
    let lookups = 0;
    for (let at = start.getTime(); at < start.getTime() + DAY; at += 10 * MIN) {
      const { state } = await runPass(t.ctx, { now: new Date(at) });
      checks += state.lastPassChecked;
      lookups += state.lastPassLookups;
    }
    const inWindow = 7 * 24 * perHour;
    const before = inWindow; // the old pass re-read every mention of the 7-day window each hour
    const after = checks / 24;
    console.log(
      `[measured] ${perHour} mentions/h, ${inWindow} in the 7-day window: ${before} checks/h before, ${after.toFixed(0)} checks/h after (${lookups} lookups in 24 h), ratio ${(after / before).toFixed(3)}, schedule says ${checksPerMention(periodMs(7))}/168 = ${(checksPerMention(periodMs(7)) / 168).toFixed(3)}`,
    );
    expect(after / before).toBeGreaterThan(0.15);
    expect(after / before).toBeLessThan(0.25);
  }, 600_000);
});

describe("the brand's period", () => {
  it("is validated, needs settings:write, settles mentions past a shorter period and puts back those a longer one covers", async () => {
    const t = await brand();
    const now = new Date();
    const [twoDays, tenDays] = await seedMentions(t.ctx, [
      { createdAt: new Date(now.getTime() - 2 * DAY), dueAt: new Date(now.getTime() + 3 * HOUR) },
      { createdAt: new Date(now.getTime() - 10 * DAY), dueAt: null },
    ]);
    const marketer = await addMember(t.ctx, "MARKETER");
    await expectAppError(updateDeletionPeriod(marketer.ctx, { periodDays: 3 }), "FORBIDDEN");
    await expect(updateDeletionPeriod(t.ctx, { periodDays: 0 })).rejects.toThrow(/At least 1 day/);
    await expect(updateDeletionPeriod(t.ctx, { periodDays: 31 })).rejects.toThrow(/At most 30 days/);
    expect((await getDeletionChecks(t.ctx, now))[0]).toMatchObject({ periodDays: 7 });

    expect(await updateDeletionPeriod(t.ctx, { periodDays: 1 }, now)).toEqual({ periodDays: 1, settled: 1, resumed: 0 });
    expect((await mention(t.ctx, twoDays!)).deletionCheckAt).toBeNull();
    expect(await updateDeletionPeriod(t.ctx, { periodDays: 14 }, now)).toEqual({ periodDays: 14, settled: 0, resumed: 2 });
    expect((await mention(t.ctx, tenDays!)).deletionCheckAt).toEqual(now);
    const audits = await getDb().auditLog.findMany({ where: { tenantId: t.ctx.tenantId, action: "deletions.period-changed" }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => a.data)).toEqual([
      { from: 7, to: 1, settled: 1, resumed: 0 },
      { from: 1, to: 14, settled: 0, resumed: 2 },
    ]);

    // The pass uses the brand's period: 14 days, so the 10-day-old mention is checked daily,
    // and at 1 day a 2-day-old one gets its last check and is settled.
    await runPass(t.ctx, { now });
    expect((await mention(t.ctx, tenDays!)).deletionCheckAt).toEqual(new Date(now.getTime() + DAY));
    await updateDeletionPeriod(t.ctx, { periodDays: 1 }, now);
    expect((await getDeletionChecks(t.ctx, now))[0]).toMatchObject({ periodDays: 1, due: 0 });
  });
});

describe("run a pass now", () => {
  it("queues one start job for an admin, deduplicates a second click, refuses a marketer, and shows what the pass found", async () => {
    const t = await brand();
    const [gone] = await seedMentions(t.ctx, [{ createdAt: new Date(Date.now() - 30 * MIN) }]);
    await admin(sandbox.url, "DELETE", `/__admin/posts/${gone}`);
    const adminMember = await addMember(t.ctx, "ADMIN");
    const marketer = await addMember(t.ctx, "MARKETER");
    const queue = getQueue("ledger");
    const startKey = `check-deletions:${t.ctx.tenantId}:TWITTER`;

    await expectAppError(requestDeletionPass(marketer.ctx, "TWITTER"), "FORBIDDEN");
    expect(await findQueuedJob("mentions.check-deletions", startKey)).toBeUndefined();
    const [a, b] = await Promise.all([requestDeletionPass(adminMember.ctx, "TWITTER"), requestDeletionPass(adminMember.ctx, "TWITTER")]);
    expect([a.status, b.status].sort()).toEqual(["already_queued", "queued"]);
    expect(await requestDeletionPass(t.ctx, "TWITTER")).toEqual({ status: "already_queued" });
    const job = await findQueuedJob("mentions.check-deletions", startKey);
    expect(job?.data).toEqual({ tenantId: t.ctx.tenantId, network: "TWITTER", passId: null });
    expect((await queue.getWaiting()).filter((j) => j.data.tenantId === t.ctx.tenantId)).toHaveLength(1);
    expect((await getDeletionChecks(t.ctx))[0]).toMatchObject({ queued: true, running: null, lastPass: null, due: 1 });
    expect(await getDb().auditLog.count({ where: { tenantId: t.ctx.tenantId, action: "deletions.pass-requested" } })).toBe(1);

    // The worker takes the job: the pass is the admin's, finds the deletion and reverses it.
    await job!.remove();
    await checkDeletionsHandler(job!.data, job!);
    const shown = (await getDeletionChecks(t.ctx))[0]!;
    expect(shown).toMatchObject({ queued: false, running: null, due: 0 });
    expect(shown.lastPass).toMatchObject({ trigger: "admin", outcome: "done", checked: 1, deleted: 1, carriedOver: 0 });
    expect(shown.allowance).toMatchObject({ limit: 3500 });
    expect(await mention(t.ctx, gone!)).toMatchObject({ status: "DELETED" });

    // While a pass runs, a click starts nothing and queues nothing.
    const running = await claimDeletionPass(t.ctx, "TWITTER", new Date(), () => 10);
    expect(running).not.toBeNull();
    expect(await requestDeletionPass(t.ctx, "TWITTER")).toEqual({ status: "already_running" });
    expect(await findQueuedJob("mentions.check-deletions", startKey)).toBeUndefined();
    expect((await getDeletionChecks(t.ctx))[0]).toMatchObject({ queued: false, running: { trigger: "schedule", budget: 10 } });
    // A second start while it runs is skipped.
    expect(await runDeletionPassStep(t.ctx, "TWITTER", null)).toEqual({ status: "skipped" });
  });

  it("respects the budget: with the allowance spent until the reset, a pass run now looks nothing up", async () => {
    const t = await brand();
    await seedMentions(t.ctx, [{ createdAt: new Date(Date.now() - 30 * MIN) }]);
    await getDb().deletionCheckState.create({
      data: { tenantId: t.ctx.tenantId, network: "TWITTER", lookupLimit: 3500, lookupRemaining: 0, lookupResetAt: new Date(Date.now() + 10 * MIN) },
    });
    expect(await requestDeletionPass(t.ctx, "TWITTER")).toEqual({ status: "queued" });
    const job = await findQueuedJob("mentions.check-deletions", `check-deletions:${t.ctx.tenantId}:TWITTER`);
    await job!.remove();
    await checkDeletionsHandler(job!.data, job!);
    expect((await getDeletionChecks(t.ctx))[0]!.lastPass).toMatchObject({ trigger: "admin", outcome: "budget_spent", lookups: 0, checked: 0, carriedOver: 1 });
  });
});
