import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { assertLedgerInvariants } from "../support/ledger-invariants";
import { linkProfile, sandboxPost, sandboxUser, setUpListening, startPipelineSandbox } from "./pipeline-kit";

/**
 * Redis restarted mid-run, keeping nothing (as on these machines): the worker reconnects,
 * re-registers its schedules, the abandoned run is picked up again from Postgres, and every
 * mention ends up stored and paid exactly once. Uses a private redis-server on a free port.
 */
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function startRedis(port: number): Promise<ChildProcess> {
  const redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    redis.stdout.on("data", (d: Buffer) => {
      if (d.toString().includes("Ready to accept connections")) resolve(redis);
    });
    redis.once("error", reject);
  });
}

async function waitFor(probe: () => Promise<boolean>, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("Redis restart mid-run", () => {
  let sandbox: Awaited<ReturnType<typeof startPipelineSandbox>>;
  let redis: ChildProcess;
  let port: number;
  beforeAll(async () => {
    sandbox = await startPipelineSandbox();
    port = await freePort();
    redis = await startRedis(port);
  });
  afterAll(async () => {
    redis.kill("SIGKILL");
    await sandbox.close();
  });

  it("loses nothing and pays nothing twice", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const { source } = await setUpListening(ctx, "Restart Brand");
    const authorId = await sandboxUser(sandbox.url, "restart_fan", 300);
    const customer = await makeCustomer(ctx);
    await linkProfile(ctx, customer.id, authorId, "restart_fan");
    for (let i = 0; i < 300; i++) await sandboxPost(sandbox.url, "restart_fan", `Restart Brand post ${i}`);
    // Slow pages so the run is still going when Redis dies.
    await fetch(`${sandbox.url}/__admin/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind: "slow", count: 3, delay_ms: 1500, path_prefix: "/2/tweets/search" }),
    });

    const worker = spawn(process.execPath, ["--import", "tsx", "src/workers/main.ts"], {
      env: {
        ...process.env,
        REDIS_URL: `redis://127.0.0.1:${port}/0`,
        TWITTER_API_BASE_URL: sandbox.url,
        LISTENING_SCHEDULER_EVERY_MS: "500",
        LISTENING_POLL_INTERVAL_SECONDS: "1",
        LISTENING_STALE_RUN_MS: "4000",
        WORKER_LOCK_DURATION_MS: "1500",
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    worker.stdout.on("data", (d) => (output += d));
    worker.stderr.on("data", (d) => (output += d));
    const db = getDb();
    try {
      await waitFor(async () => (await db.mention.count({ where: { tenantId: ctx.tenantId } })) >= 100, "the first page");
      redis.kill("SIGKILL");
      // Down long enough that producers give up: the run's next-page job is lost with Redis,
      // and only Postgres knows the source is mid-run.
      await new Promise((r) => setTimeout(r, 3000));
      redis = await startRedis(port);
      await waitFor(async () => {
        const [stored, row] = await Promise.all([
          db.mention.count({ where: { tenantId: ctx.tenantId } }),
          db.listeningSource.findFirst({ where: { tenantId: ctx.tenantId, id: source.id } }),
        ]);
        return stored === 300 && row?.syncStatus === "OK";
      }, `every mention after the restart (worker output:\n${output})`);
    } finally {
      worker.kill("SIGTERM");
      await new Promise((r) => worker.once("exit", r));
    }
    const entries = await db.ledgerEntry.findMany({ where: { tenantId: ctx.tenantId }, select: { mentionId: true } });
    expect(entries).toHaveLength(300);
    expect(new Set(entries.map((e) => e.mentionId)).size).toBe(300);
    await assertLedgerInvariants(ctx.tenantId);
  }, 120_000);
});
