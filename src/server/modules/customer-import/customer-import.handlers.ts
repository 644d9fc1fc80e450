import { systemContext } from "../../auth/tenant-context";
import { isAppError } from "../../errors";
import type { JobHandler } from "../../jobs/define-job";
import { getLogger } from "../../logger";
import type { CustomerImportJob } from "./customer-import.schemas";
import { runCustomerImport } from "./import-run";
import { markImportStopped } from "./import-stopped";

/** The domain errors the worker fails for good at once (src/workers/process-job.ts). */
const FINAL_CODES = ["BAD_REQUEST", "VALIDATION_FAILED", "NOT_FOUND", "FORBIDDEN"];

/**
 * Runs the import as the system of its tenant. Errors are rethrown so the job's retries apply;
 * the last failing attempt marks the import stopped, so its screen says so.
 */
export const customerImportHandler: JobHandler<CustomerImportJob> = async ({ tenantId, importId, mode }, job) => {
  const ctx = systemContext(tenantId);
  try {
    await runCustomerImport(ctx, importId, mode);
  } catch (error) {
    const final = (job.attemptsMade ?? 0) + 1 >= (job.opts?.attempts ?? 1) || (isAppError(error) && FINAL_CODES.includes(error.code));
    if (final) {
      getLogger().error({ importId, mode, err: (error as Error).message }, "customer import failed for good");
      // With the database away this fails too; the job's own failure is what matters then.
      await markImportStopped(ctx, importId, mode).catch(() => undefined);
    }
    throw error;
  }
};
