import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "../../../src/server/db/client";
import { recreateDatabase } from "../../../src/server/db/migrations/migrate";
import { resetEnvCache } from "../../../src/server/env";
import { getQueue } from "../../../src/server/jobs/queues";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { assertLedgerInvariants } from "../support/ledger-invariants";
import { assertTestDatabase } from "../support/local-only";
import { describePollJobs, freePort, killWorker, newestId, pollJobCounts, startWorkerProcess, waitFor, type WorkerProcess } from "./fault-kit";
import { linkProfile, sandboxPost, sandboxUser, setUpListening, startPipelineSandbox } from "./pipeline-kit";

/**
 * Postgres restarted with `pg_ctl stop -m immediate` (every backend killed, no checkpoint: a crash
 * as far as clients can tell) while worker processes are ingesting a multi-page backlog, then
 * started again. The shared Postgres on :5432 must not be touched, so this file runs a private
 * cluster (initdb + pg_ctl, trust auth, fsync off, loopback only) on a free port and points the
 * whole file at it: the workers, the factories, and the ledger-invariant checks. Afterwards:
 * nothing lost, nothing paid twice, invariants hold, the backlog drains, and both workers are still
 * alive and serving.
 */

/** The directory holding initdb and pg_ctl (Debian keeps initdb out of PATH). */
function findPostgresBin(): string | null {
  const candidates = ["/usr/local/bin", "/usr/bin"];
  if (existsSync("/usr/lib/postgresql")) {
    const versions = readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin`));
  }
  return candidates.find((dir) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl"))) ?? null;
}

const PG_BIN = findPostgresBin();
const AS_ROOT = process.getuid?.() === 0;
/** Postgres refuses to run as root: as root, its tools run as the `postgres` user. */
const POSTGRES_USER = AS_ROOT ? lookUpUser("postgres") : null;
const SKIP_REASON = !PG_BIN
  ? "initdb/pg_ctl not found (install PostgreSQL's server binaries)"
  : AS_ROOT && (!POSTGRES_USER || !existsSync("/usr/sbin/runuser"))
    ? "running as root without a `postgres` user and runuser to start a private cluster"
    : null;

function lookUpUser(name: string): { uid: number; gid: number } | null {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${name}:`));
  if (!line) return null;
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

/** Runs a Postgres tool (as `postgres` when we are root) and returns its output. */
function pgTool(tool: "initdb" | "pg_ctl", args: string[]): string {
  const binary = join(PG_BIN!, tool);
  const [command, argv] = AS_ROOT ? ["/usr/sbin/runuser", ["-u", "postgres", "--", binary, ...args]] : [binary, args];
  return execFileSync(command, argv, { cwd: tmpdir(), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
}

describe("Postgres immediate restart mid-run", () => {
  let sandbox: Awaited<ReturnType<typeof startPipelineSandbox>> | undefined;
  let dir: string | undefined;
  let dataDir = "";
  let port = 0;
  let workers: WorkerProcess[] = [];
  const originalDatabaseUrl = process.env.DATABASE_URL;

  const startCluster = () => {
    pgTool("pg_ctl", [
      "start",
      "-w",
      "-t",
      "60",
      "-D",
      dataDir,
      "-l",
      join(dir!, "postgres.log"),
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=60`,
    ]);
  };
  /** Every backend killed at once, no shutdown checkpoint: the next start runs crash recovery. */
  const stopClusterImmediately = () => {
    pgTool("pg_ctl", ["stop", "-w", "-t", "60", "-D", dataDir, "-m", "immediate"]);
  };
  /** Stops the cluster if it runs and removes its directory; safe to call twice. */
  const removeCluster = () => {
    if (!dir) return;
    try {
      if (existsSync(join(dataDir, "postmaster.pid"))) stopClusterImmediately();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    }
  };
  // Even if this test process dies without running afterAll, the private cluster goes with it.
  const onExit = () => removeCluster();

  beforeAll(async () => {
    if (SKIP_REASON) return;
    process.once("exit", onExit);
    // As root the cluster's directory must be reachable by `postgres`: under /tmp, not $TMPDIR.
    dir = mkdtempSync(join(AS_ROOT ? "/tmp" : tmpdir(), "megaphone-pg-"));
    if (POSTGRES_USER) chownSync(dir, POSTGRES_USER.uid, POSTGRES_USER.gid);
    dataDir = join(dir, "data");
    pgTool("initdb", ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
    port = await freePort(55432);
    startCluster();

    const url = `postgresql://postgres@127.0.0.1:${port}/megaphone_pg_restart_test`;
    assertTestDatabase(url);
    await recreateDatabase(url);
    // From here on this file (factories, probes, the invariant checks after each test) and the
    // worker processes it starts use the private cluster.
    await disconnectDb();
    process.env.DATABASE_URL = url;
    resetEnvCache();
    sandbox = await startPipelineSandbox();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => killWorker(w)));
    await sandbox?.close();
    await disconnectDb();
    process.env.DATABASE_URL = originalDatabaseUrl;
    resetEnvCache();
    removeCluster();
    process.off("exit", onExit);
  }, 120_000);

  afterEach(async () => {
    await Promise.all(workers.map((w) => killWorker(w)));
    workers = [];
  });

  const OUTAGES = [
    { name: "restarted at once", downMs: 0 },
    // Longer than a poll job's own retries (4 attempts, 2 s doubling: about 14 s).
    { name: "down for 20 s, longer than a job's retries", downMs: 20_000 },
  ];
  OUTAGES.forEach(({ name, downMs }, n) => {
    it.skipIf(SKIP_REASON !== null)(
      `${name}: loses nothing, pays nothing twice, the run finishes${SKIP_REASON ? ` (skipped: ${SKIP_REASON})` : ""}`,
      async () => {
        const POSTS = 500; // five pages of 100
        const brand = `Pgrestart Brand ${n}`;
        const { ctx } = await createTenantWithMember("OWNER");
        const { source, pointRule } = await setUpListening(ctx, brand);
        const fans = [`pgr${n}_fan_a`, `pgr${n}_fan_b`];
        for (const handle of fans) {
          const authorId = await sandboxUser(sandbox!.url, handle, 1200);
          const customer = await makeCustomer(ctx);
          await linkProfile(ctx, customer.id, authorId, handle);
        }
        const stranger = `pgr${n}_stranger`;
        await sandboxUser(sandbox!.url, stranger, 30);
        const postIds: string[] = [];
        for (let i = 0; i < POSTS; i++) {
          const author = i % 5 === 4 ? stranger : fans[i % 2]!;
          postIds.push(await sandboxPost(sandbox!.url, author, `${brand} post ${i}`));
        }
        const paidPosts = postIds.filter((_, i) => i % 5 !== 4).length;
        // Slow pages, so the run is still going when Postgres goes down.
        await fetch(`${sandbox!.url}/__admin/faults`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ kind: "slow", count: 5, delay_ms: 800, path_prefix: "/2/tweets/search" }),
        });

        const env = {
          DATABASE_URL: process.env.DATABASE_URL!,
          TWITTER_API_BASE_URL: sandbox!.url,
          LISTENING_SCHEDULER_EVERY_MS: "500",
          // One run per source in this test; and the stale-run sweep at its production default
          // (15 min), so the run has to finish by the pipeline's own retries, not by the sweep.
          LISTENING_POLL_INTERVAL_SECONDS: "3600",
          LISTENING_STALE_RUN_MS: "900000",
        };
        workers = [startWorkerProcess(env), startWorkerProcess(env)];
        await Promise.all(workers.map((w) => w.started));
        const outputs = () => workers.map((w, i) => `worker ${i + 1}:\n${w.output()}`).join("\n");
        const db = getDb();
        const stored = () => db.mention.count({ where: { tenantId: ctx.tenantId } });
        const sourceRow = () => db.listeningSource.findFirst({ where: { tenantId: ctx.tenantId, id: source.id } });

        await waitFor(
          async () => (await stored()) >= 100,
          () => `the first page (${outputs()})`,
        );
        // Catch the next page mid-transaction: with the ledger locked against inserts, the page's
        // transaction (open, its reads done) waits to write. Postgres then dies under it.
        const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
        blocker.on("error", () => {}); // it dies with the server
        await blocker.connect();
        try {
          await blocker.query(`BEGIN; LOCK TABLE "LedgerEntry" IN SHARE ROW EXCLUSIVE MODE`);
          // pg_locks is read live (pg_stat_activity would be a snapshot frozen for this transaction).
          await waitFor(
            async () => {
              const { rows } = await blocker.query<{ n: number }>(
                `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = '"LedgerEntry"'::regclass`,
              );
              return rows[0]!.n > 0;
            },
            async () => `a page's transaction to wait on the ledger (stored: ${await stored()}; ${await describePollJobs(source.id)}; ${outputs()})`,
          );
          stopClusterImmediately();
        } finally {
          await blocker.end().catch(() => {});
        }
        if (downMs) await new Promise((r) => setTimeout(r, downMs));
        startCluster();

        await waitFor(
          async () => {
            const [count, row, jobs] = await Promise.all([stored(), sourceRow(), pollJobCounts(source.id)]);
            return count === POSTS && row?.syncStatus === "OK" && jobs.pending === 0;
          },
          () => `every mention after the restart (${outputs()})`,
          90_000,
        );
        // Both workers survived the restart: neither exited, and each stops cleanly.
        expect(
          workers.map((w) => w.child.exitCode),
          outputs(),
        ).toEqual([null, null]);
        expect(await Promise.all(workers.map((w) => w.stop()))).toEqual([0, 0]);
        // The outage did hit the run: its poll job waited for Postgres instead of spending attempts.
        expect(outputs()).toMatch(/"job":"listening.poll-source"[^\n]*database or Redis unavailable: job deferred/);
        // The scheduler ticks that ran into the outage waited for Postgres too: none failed.
        const failedTicks = (await getQueue("maintenance").getFailed()).filter((job) => ["listening.schedule", "checkins.schedule"].includes(job.name));
        expect(failedTicks.map((job) => `${job.name}: ${job.failedReason}`)).toEqual([]);

        const mentions = await db.mention.findMany({ where: { tenantId: ctx.tenantId }, select: { externalId: true, status: true } });
        expect(mentions).toHaveLength(POSTS);
        expect(new Set(mentions.map((m) => m.externalId))).toEqual(new Set(postIds));
        const entries = await db.ledgerEntry.findMany({ where: { tenantId: ctx.tenantId }, select: { mentionId: true, ruleId: true } });
        expect(entries).toHaveLength(paidPosts);
        expect(new Set(entries.map((e) => `${e.mentionId}:${e.ruleId}`)).size).toBe(paidPosts);
        expect(entries.every((e) => e.ruleId === pointRule.id)).toBe(true);
        expect(mentions.filter((m) => m.status === "CREDITED")).toHaveLength(paidPosts);
        await assertLedgerInvariants(ctx.tenantId);

        const row = await sourceRow();
        expect(row?.syncStatus).toBe("OK");
        expect(row?.lastError).toBeNull();
        expect(row?.cursor).toBe(newestId(postIds));
        expect((await pollJobCounts(source.id)).failed).toBe(0);
      },
      150_000,
    );
  });
});
