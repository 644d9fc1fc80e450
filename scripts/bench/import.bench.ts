// npm run bench:import [-- --rows 100000 --broken-every 1000]
// A 100k-row customer CSV (a BOM, quoted names with commas and newlines, formula-looking notes,
// one row in every 1,000 broken: an invalid email) through the customers.import job's handler, in
// process, against a fresh database (megaphone_import_bench, loopback only): the dry run, then the
// real run skipping the broken rows, each timed; then the same file again (every good row
// "unchanged"). The last line is one JSON object.
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import type { Job } from "bullmq";
import { systemContext } from "../../src/server/auth/tenant-context";
import { disconnectDb, unsafeCrossTenantDb } from "../../src/server/db/client";
import { getEnv, resetEnvCache } from "../../src/server/env";
import { closeQueues } from "../../src/server/jobs/queues";
import { customerImportHandler } from "../../src/server/modules/customer-import/customer-import.handlers";
import { getCustomerImport, startImportCheck, startImportRun, uploadCustomerImport } from "../../src/server/modules/customer-import/customer-import.service";
import { closeSharedRedis } from "../../src/server/redis";
import { recreateBenchDatabase } from "./ingest/bench-database";

const { values: args } = parseArgs({ options: { rows: { type: "string", default: "100000" }, "broken-every": { type: "string", default: "1000" } } });
const ROWS = Number(args.rows);
const BROKEN_EVERY = Number(args["broken-every"]);
const BENCH_DB = process.env.IMPORT_BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/megaphone_import_bench";
process.env.DATABASE_URL = BENCH_DB;
process.env.REDIS_URL = process.env.IMPORT_BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/10";
process.env.LOG_LEVEL = "warn";
resetEnvCache();
getEnv();

const log = (msg: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);
const load = Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]);

function csv(rows: number): Uint8Array {
  const lines = ["\uFEFFCustomer ID,Name,Email,Phone,Stage,Notes"];
  const stages = ["", "prospect", "CUSTOMER", "Loyal", "advocate"];
  for (let i = 0; i < rows; i++) {
    const name = i % 10 === 0 ? `"Lee, Person ${i}"` : i % 97 === 0 ? `"Multi\nline ${i}"` : `Person ${i}`;
    const phone = i % 3 === 0 ? `+44 20 ${String(1_000_000 + i).slice(-7)}` : "";
    const email = BROKEN_EVERY > 0 && i % BROKEN_EVERY === BROKEN_EVERY - 1 ? `person${i}-at-bench.example` : `person${i}@bench.example`;
    lines.push(`EXT-${i},${name},${email},${phone},${stages[i % 5]},${i % 50 === 0 ? '"=HYPERLINK(""x"")"' : ""}`);
  }
  return new TextEncoder().encode(lines.join("\r\n") + "\r\n");
}

/** The job's handler, as the worker calls it (a stand-in Job: the handler reads only the payload). */
async function runJob(tenantId: string, importId: string, mode: "check" | "import"): Promise<number> {
  const start = performance.now();
  await customerImportHandler({ tenantId, importId, mode }, {} as Job);
  return (performance.now() - start) / 1000;
}

async function main() {
  log(`machine: 1-minute load ${load.toFixed(2)} at start on ${cpus().length} cores (${load < 0.5 ? "quiet" : "not quiet"})`);
  await recreateBenchDatabase(BENCH_DB);
  const tenant = await unsafeCrossTenantDb().tenant.create({ data: { slug: "import-bench", name: "Import bench" } });
  const ctx = { ...systemContext(tenant.id), role: "OWNER" as const };
  const bytes = csv(ROWS);
  log(`file: ${ROWS} rows, ${(bytes.length / 1024 / 1024).toFixed(1)} MB`);

  const uploadStart = performance.now();
  const uploaded = await uploadCustomerImport(ctx, { name: "bench.csv", bytes });
  const uploadSeconds = (performance.now() - uploadStart) / 1000;
  await startImportCheck(ctx, uploaded.id, uploaded.mapping);
  const checkSeconds = await runJob(tenant.id, uploaded.id, "check");
  const checked = await getCustomerImport(ctx, uploaded.id);
  log(`upload ${uploadSeconds.toFixed(2)} s; dry run ${checkSeconds.toFixed(2)} s: ${checked.created} to create, ${checked.failed} broken`);
  await startImportRun(ctx, uploaded.id, checked.failed > 0);
  const seconds = await runJob(tenant.id, uploaded.id, "import");
  const done = await getCustomerImport(ctx, uploaded.id);
  log(
    `real run ${seconds.toFixed(2)} s: ${done.status}, created ${done.created}, updated ${done.updated}, skipped ${done.failed} broken (${done.errors.length} listed)`,
  );
  const customers = await unsafeCrossTenantDb().customer.count({ where: { tenantId: tenant.id } });

  // The same file again: every row unchanged.
  const again = await uploadCustomerImport(ctx, { name: "bench.csv", bytes });
  await startImportCheck(ctx, again.id, again.mapping);
  await runJob(tenant.id, again.id, "check");
  await startImportRun(ctx, again.id, true);
  const rerunSeconds = await runJob(tenant.id, again.id, "import");
  const rerun = await getCustomerImport(ctx, again.id);
  log(`second run ${rerunSeconds.toFixed(2)} s: created ${rerun.created}, updated ${rerun.updated}, unchanged ${rerun.unchanged}`);

  await closeQueues();
  await closeSharedRedis();
  await disconnectDb();
  console.log(
    JSON.stringify({
      bench: "import",
      rows: ROWS,
      rowsPerSecond: Math.round(ROWS / seconds),
      seconds: Number(seconds.toFixed(2)),
      dryRunSeconds: Number(checkSeconds.toFixed(2)),
      uploadSeconds: Number(uploadSeconds.toFixed(2)),
      created: done.created,
      broken: done.failed,
      errorsListed: done.errors.length,
      customersInDatabase: customers,
      rerunSeconds: Number(rerunSeconds.toFixed(2)),
      rerunCreated: rerun.created,
      rerunUpdated: rerun.updated,
      rerunUnchanged: rerun.unchanged,
      loadAtStart: Number(load.toFixed(2)),
      quiet: load < 0.5,
    }),
  );
}

await main();
