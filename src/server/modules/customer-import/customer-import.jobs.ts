import { defineJob } from "../../jobs/define-job";
import { ZCustomerImportJob } from "./customer-import.schemas";

/**
 * One customer CSV through its mapping (customer-import/import-run.ts): the dry run ("check") or
 * the real run ("import"). On the maintenance queue: an import is bulk work that must not delay
 * listening or mail. The job id names the import and mode (dedupe by job id), so a double click
 * never queues a second real run; a retried real run resumes after its last committed batch.
 */
export const customerImportJob = defineJob({
  name: "customers.import",
  scope: "tenant",
  queue: "maintenance",
  payload: ZCustomerImportJob,
  handler: async () => (await import("./customer-import.handlers")).customerImportHandler,
  retry: { attempts: 3, backoffMs: 5_000 },
  retain: "none",
  dedupe: "job-id",
});

export const CUSTOMER_IMPORT_JOBS = [customerImportJob] as const;
