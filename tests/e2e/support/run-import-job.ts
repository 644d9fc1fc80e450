// Run by customer-import.spec.ts as its own process (`npx tsx`): plays the worker for ONE queued
// `customers.import` job of the given import and mode (run-one-job.ts), with the e2e server's
// database and Redis, through the job's own handler.
import { runOneJob } from "./run-one-job";

const [tenantId, importId, mode] = process.argv.slice(2);
if (!tenantId || !importId || (mode !== "check" && mode !== "import")) throw new Error("usage: run-import-job.ts <tenantId> <importId> check|import");

const { ZCustomerImportJob } = await import("../../../src/server/modules/customer-import/customer-import.schemas");
const { customerImportHandler } = await import("../../../src/server/modules/customer-import/customer-import.handlers");

await runOneJob(
  "maintenance",
  (job) =>
    job.name === "customers.import" &&
    (job.data as { importId?: string; mode?: string }).importId === importId &&
    (job.data as { mode?: string }).mode === mode,
  async (job) => {
    const payload = ZCustomerImportJob.parse(job.data);
    if (payload.tenantId !== tenantId) throw new Error("job of another tenant");
    await customerImportHandler(payload, job);
  },
);
process.exit(0);
