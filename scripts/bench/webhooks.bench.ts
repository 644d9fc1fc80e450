// npm run bench:webhooks [-- --events 10000 --writers 4 --fail-first 0.2]
//
// Outbound webhooks end to end: the real worker process (npm run worker) against its own database,
// a brand with one endpoint for customer.created on a local receiver, and 10k customers created
// through the customer service by a few concurrent writers (each its own transaction, so each
// event is written by the trigger as in the app). The receiver verifies every signature with the
// Standard Webhooks reference library and answers 500 to the first attempt of one event in five
// (the retry comes 5 s later). It records the first arrival of every `webhook-id` and every 2xx it
// gave. Measures: events delivered, duplicates (an id answered 2xx more than once), lost (an event
// in the outbox never answered 2xx), p95 from the event's commit (the delivery row's createdAt) to
// its first attempt, and the same for the event's success. Ends with one JSON line.
import { benchEnv, log, p95 } from "./bench-kit";
import { spawn } from "node:child_process";
import { mkdirSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { Webhook } from "standardwebhooks";
import { recreateBenchDatabase } from "./ingest/bench-database";

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "10000" },
    writers: { type: "string", default: "4" },
    "fail-first": { type: "string", default: "0.2" },
  },
});
const EVENTS = Number(args.events);
const WRITERS = Number(args.writers);
const FAIL_EVERY = Math.round(1 / Number(args["fail-first"]));
const BENCH_DB = "postgresql://postgres@127.0.0.1:5432/megaphone_webhooks_bench";
const BENCH_REDIS = "redis://127.0.0.1:6379/12";
const WORKER_LOG = ".tmp/bench-webhooks-worker.log";
/** Past the last retry of a failed first attempt (5 s) with room for a slow machine. */
const DRAIN_TIMEOUT_MS = 120_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

benchEnv({
  DATABASE_URL: BENCH_DB,
  REDIS_URL: BENCH_REDIS,
  // The receiver is on loopback: the operator's explicit exception, for this bench's processes only.
  WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
});
const load = loadavg()[0]!;
log(`machine: 1-minute load ${load.toFixed(2)} at start on ${cpus().length} cores (${load < 0.5 ? "quiet" : "not quiet"})`);

// The receiver: verifies, fails one first attempt in FAIL_EVERY, remembers what it saw.
interface Seen {
  firstAt: number;
  okAt: number | null;
  oks: number;
  attempts: number;
}
const seen = new Map<string, Seen>();
let badSignatures = 0;
let verifier: Webhook | null = null;
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const at = Date.now();
    const id = String(req.headers["webhook-id"]);
    try {
      verifier!.verify(Buffer.concat(chunks).toString("utf8"), req.headers as Record<string, string>);
    } catch {
      badSignatures++;
      res.writeHead(400).end("bad signature");
      return;
    }
    let entry = seen.get(id);
    if (!entry) {
      entry = { firstAt: at, okAt: null, oks: 0, attempts: 0 };
      seen.set(id, entry);
    }
    entry.attempts++;
    if (entry.attempts === 1 && seen.size % FAIL_EVERY === 0) {
      res.writeHead(500).end("try again");
      return;
    }
    entry.oks++;
    entry.okAt ??= at;
    res.writeHead(204).end();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

log(`recreating ${BENCH_DB}`);
await recreateBenchDatabase(BENCH_DB);
const { systemContext } = await import("../../src/server/auth/tenant-context");
const { disconnectDb, unsafeCrossTenantDb } = await import("../../src/server/db/client");
const { createCustomer } = await import("../../src/server/modules/customers/customer.service");
const { createWebhook } = await import("../../src/server/modules/webhooks/webhooks.service");
const { closeQueues } = await import("../../src/server/jobs/queues");
const { closeSharedRedis, getRedis } = await import("../../src/server/redis");
await getRedis("producer").flushdb();

const tenant = await unsafeCrossTenantDb().tenant.create({ data: { slug: "webhooks-bench", name: "Webhooks bench" } });
const ctx = { ...systemContext(tenant.id), role: "OWNER" as const };
const { secret } = await createWebhook(ctx, { url: receiverUrl, description: "bench receiver", events: ["customer.created"] });
verifier = new Webhook(secret);

// The worker, as `npm run worker` starts it.
mkdirSync(".tmp", { recursive: true });
const worker = spawn(process.execPath, ["--import", "tsx", "src/workers/main.ts"], {
  env: { ...process.env, LOG_LEVEL: "info" },
  stdio: ["ignore", openSync(WORKER_LOG, "w"), "inherit"],
});
process.on("exit", () => worker.kill("SIGTERM"));
for (let i = 0; !readFileSync(WORKER_LOG, "utf8").includes("worker started"); i++) {
  if (i > 120 || worker.exitCode !== null) throw new Error(`the worker did not start: see ${WORKER_LOG}`);
  await sleep(500);
}
log(`worker started; creating ${EVENTS} customers with ${WRITERS} writers`);

const produceStart = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: WRITERS }, async () => {
    while (next < EVENTS) {
      const i = next++;
      await createCustomer(ctx, { displayName: `Bench person ${i}`, emails: [`bench${i}@example.test`] });
    }
  }),
);
const produceSeconds = (performance.now() - produceStart) / 1000;
log(`${EVENTS} events written in ${produceSeconds.toFixed(1)} s (${Math.round(EVENTS / produceSeconds)}/s); waiting for the deliveries`);

const db = new pg.Client({ connectionString: BENCH_DB });
await db.connect();
const pendingCount = async () =>
  Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM "WebhookDelivery" WHERE "tenantId" = $1 AND status = 'PENDING'`, [tenant.id])).rows[0]!.n);
const drainStart = Date.now();
while ((await pendingCount()) > 0 && Date.now() - drainStart < DRAIN_TIMEOUT_MS) await sleep(500);
// Anything sent twice would arrive by now.
await sleep(2_000);
const drainedAfterWritesSeconds = (Date.now() - drainStart) / 1000;

const outbox = (
  await db.query<{ messageId: string; createdAt: Date; status: string }>(
    `SELECT "messageId", "createdAt", status FROM "WebhookDelivery" WHERE "tenantId" = $1 AND event = 'customer.created'`,
    [tenant.id],
  )
).rows;
const firstAttemptMs: number[] = [];
const deliveredMs: number[] = [];
let delivered = 0;
let lost = 0;
let duplicates = 0;
for (const row of outbox) {
  const entry = seen.get(row.messageId);
  if (!entry || entry.oks === 0) {
    lost++;
    continue;
  }
  delivered++;
  if (entry.oks > 1) duplicates++;
  firstAttemptMs.push(entry.firstAt - row.createdAt.getTime());
  deliveredMs.push(entry.okAt! - row.createdAt.getTime());
}
const failedFirst = [...seen.values()].filter((e) => e.attempts > 1).length;
const outboxIds = new Set(outbox.map((row) => row.messageId));
const unknownIds = [...seen.keys()].filter((id) => !outboxIds.has(id)).length;
log(
  `outbox ${outbox.length} events; delivered ${delivered}, lost ${lost}, duplicates ${duplicates}; ${failedFirst} retried after a failed first attempt; ${badSignatures} bad signatures; ${unknownIds} ids the outbox does not hold`,
);

worker.kill("SIGTERM");
await new Promise((resolve) => worker.once("exit", resolve));
await db.end();
await closeQueues();
await closeSharedRedis();
await disconnectDb();
receiver.close();

const round = (n: number) => Math.round(n);
console.log(
  JSON.stringify({
    bench: "webhooks",
    events: EVENTS,
    delivered,
    duplicates,
    lost,
    p95Ms: round(p95(firstAttemptMs)),
    p50Ms: round([...firstAttemptMs].sort((a, b) => a - b)[Math.floor(firstAttemptMs.length / 2)] ?? 0),
    maxMs: round(Math.max(0, ...firstAttemptMs)),
    p95DeliveredMs: round(p95(deliveredMs)),
    retriedAfterFailedFirstAttempt: failedFirst,
    badSignatures,
    writers: WRITERS,
    eventsPerSecondWritten: Math.round(EVENTS / produceSeconds),
    drainedAfterWritesSeconds: Number(drainedAfterWritesSeconds.toFixed(1)),
    loadAtStart: Number(load.toFixed(2)),
    quiet: load < 0.5,
  }),
);
process.exit(0);
