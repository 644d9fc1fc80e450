import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { scheduleDuePolls } from "../../../src/server/pipeline/schedule-polls";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { assertLedgerInvariants } from "../support/ledger-invariants";
import { killWorker, newestId, pollJobCounts, startWorkerProcess, waitFor, type WorkerProcess } from "./fault-kit";
import { linkProfile, sandboxPost, sandboxUser, setUpListening, startPipelineSandbox } from "./pipeline-kit";

/**
 * A worker paused past its lock (QUALITY.md, Reliability): the first worker process blocks its
 * event loop synchronously — as a CPU-heavy handler would — while it holds a poll job, so it
 * cannot renew its BullMQ lock; a second worker process takes the stalled job over and runs it;
 * then the first wakes up and finishes the same job too. Postgres' keys must keep the effect
 * exactly-once, and the late finisher must not set the source's sync state back.
 *
 * Two pause points (FAULT_INJECTION in src/server/env.ts, src/server/fault-injection.ts):
 * - `pause-before-poll`: right before the poll handler (it then claims and fetches after waking);
 * - `pause-before-ingest`: after the page was fetched, before it is written (it then stores a
 *   page it fetched before the other worker's run).
 * And two wake-up moments: after the rescuer finished the whole run, and while it is mid-run.
 */

const POSTS = 250; // three pages of 100, 100 and 50
const PAUSE_POINTS = ["pause-before-poll", "pause-before-ingest"] as const;
const WAKE_UPS = ["after the rescuer finished the run", "while the rescuer is mid-run"] as const;

describe("worker paused past its lock", () => {
  let sandbox: Awaited<ReturnType<typeof startPipelineSandbox>>;
  let tmp: string;
  let workers: WorkerProcess[] = [];
  let caseNo = 0;

  beforeAll(async () => {
    sandbox = await startPipelineSandbox();
    tmp = mkdtempSync(join(tmpdir(), "megaphone-pause-"));
  });
  afterEach(async () => {
    await Promise.all(workers.map((w) => killWorker(w)));
    workers = [];
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => killWorker(w)));
    await sandbox?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  for (const fault of PAUSE_POINTS) {
    for (const wakeUp of WAKE_UPS) {
      it(`${fault}, woken ${wakeUp}: stored once, paid once, sync state kept`, async () => {
        caseNo += 1;
        const brand = `Stallbrand ${caseNo}`;
        const { ctx } = await createTenantWithMember("OWNER");
        const { source, pointRule } = await setUpListening(ctx, brand);
        // Two linked advocates (paid) and one stranger (stored as a prospect, not paid).
        const fans = [`stall_fan_a${caseNo}`, `stall_fan_b${caseNo}`];
        for (const handle of fans) {
          const authorId = await sandboxUser(sandbox.url, handle, 800);
          const customer = await makeCustomer(ctx);
          await linkProfile(ctx, customer.id, authorId, handle);
        }
        const stranger = `stall_stranger${caseNo}`;
        await sandboxUser(sandbox.url, stranger, 50);
        const postIds: string[] = [];
        for (let i = 0; i < POSTS; i++) {
          const author = i % 5 === 4 ? stranger : fans[i % 2]!;
          postIds.push(await sandboxPost(sandbox.url, author, `${brand} post number ${i}`));
        }
        const paidPosts = postIds.filter((_, i) => i % 5 !== 4).length;
        const db = getDb();
        const stored = () => db.mention.count({ where: { tenantId: ctx.tenantId } });
        const sourceRow = () => db.listeningSource.findFirst({ where: { tenantId: ctx.tenantId, id: source.id } });

        const releaseFile = join(tmp, `release-${caseNo}`);
        const sleeper = startWorkerProcess({
          TWITTER_API_BASE_URL: sandbox.url,
          FAULT_INJECTION: fault,
          // Only the release file may end the pause: a cap shorter than the case's own timeout
          // (it was 90 s) ran out on a loaded machine before the rescuer finished, and the sleeper
          // "resumed" on its own. 300 s (the most env.ts allows) outlives the case.
          FAULT_PAUSE_MS: "300000",
          FAULT_PAUSE_RELEASE_FILE: releaseFile,
        });
        workers.push(sleeper);
        await scheduleDuePolls();
        await waitFor(
          async () => sleeper.output().includes("FAULT_INJECTION: pausing"),
          () => `the first worker to pause (output:\n${sleeper.output()})`,
        );
        // It is stalled while holding the run's first poll job; nothing else has run.
        expect(await stored()).toBe(0);

        if (wakeUp === "while the rescuer is mid-run") {
          // Slow pages keep the rescuer's run going while the sleeper wakes up.
          await fetch(`${sandbox.url}/__admin/faults`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ kind: "slow", count: 4, delay_ms: 1200, path_prefix: "/2/tweets/search" }),
          });
        }
        const rescuer = startWorkerProcess({ TWITTER_API_BASE_URL: sandbox.url });
        workers.push(rescuer);
        await rescuer.started;
        const state = (w: WorkerProcess) => w.child.exitCode ?? w.child.signalCode ?? "running";
        const outputs = () => `sleeper (${state(sleeper)}):\n${sleeper.output()}\nrescuer (${state(rescuer)}):\n${rescuer.output()}`;

        if (wakeUp === "after the rescuer finished the run") {
          await waitFor(
            async () => (await stored()) === POSTS && (await sourceRow())?.syncStatus === "OK",
            () => `the rescuer to finish the run (${outputs()})`,
          );
        } else {
          await waitFor(
            async () => (await stored()) >= 100,
            () => `the rescuer's first page (${outputs()})`,
          );
        }
        // Only the rescuer can have done that: the sleeper's event loop is still blocked.
        expect(sleeper.output()).not.toContain("FAULT_INJECTION: resumed");
        const cursorBeforeWakeUp = (await sourceRow())?.cursor ?? null;

        writeFileSync(releaseFile, "");
        // The sleeper wakes up, runs the job it no longer owns to its end, and only then finds
        // out: BullMQ refuses to complete a job whose lock another worker took (or that is gone).
        // (stderr, where the fault writes, and stdout, where the log goes, arrive in either order)
        await waitFor(
          async () =>
            /(Missing key|Missing lock|Lock mismatch) for job [^\n]*moveToFinished/.test(sleeper.output()) &&
            sleeper.output().includes("FAULT_INJECTION: resumed"),
          () => `the sleeper to finish the job it had lost (${outputs()})`,
        );
        expect(sleeper.output()).toContain("FAULT_INJECTION: resumed");
        // "could not renew lock" is not asserted: whether the lock-renewal timer fires before the
        // job's end after the event loop unblocks is a race; the refused moveToFinished above is not.
        expect(await sleeper.stop()).toBe(0);

        await waitFor(
          async () => {
            const [count, row, jobs] = await Promise.all([stored(), sourceRow(), pollJobCounts(source.id)]);
            return count === POSTS && row?.syncStatus === "OK" && jobs.pending === 0;
          },
          () => `the backlog to drain (${outputs()})`,
        );
        expect(await rescuer.stop()).toBe(0);

        // Zero lost, zero stored twice.
        const mentions = await db.mention.findMany({ where: { tenantId: ctx.tenantId }, select: { id: true, externalId: true, status: true } });
        expect(mentions).toHaveLength(POSTS);
        expect(new Set(mentions.map((m) => m.externalId))).toEqual(new Set(postIds));
        // Zero paid twice: one earning entry per paid mention and rule.
        const entries = await db.ledgerEntry.findMany({ where: { tenantId: ctx.tenantId }, select: { mentionId: true, ruleId: true, amount: true } });
        expect(entries).toHaveLength(paidPosts);
        expect(new Set(entries.map((e) => `${e.mentionId}:${e.ruleId}`)).size).toBe(paidPosts);
        expect(entries.every((e) => e.ruleId === pointRule.id && e.amount > 0)).toBe(true);
        expect(mentions.filter((m) => m.status === "CREDITED")).toHaveLength(paidPosts);
        await assertLedgerInvariants(ctx.tenantId);

        // The late finisher left the sync state as the completed run set it: OK, no error, and
        // the cursor at the newest post (never behind what it was before the sleeper woke up).
        const row = await sourceRow();
        expect(row?.syncStatus).toBe("OK");
        expect(row?.lastError).toBeNull();
        expect(row?.cursor).toBe(newestId(postIds));
        if (cursorBeforeWakeUp) expect(BigInt(row!.cursor!) >= BigInt(cursorBeforeWakeUp)).toBe(true);
        expect((await pollJobCounts(source.id)).failed).toBe(0);
      }, 100_000);
    }
  }
});
