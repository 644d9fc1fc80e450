import { systemContext } from "../../auth/tenant-context";
import type { JobHandler } from "../../jobs/define-job";
import type { CustomerImportJob } from "./customer-import.schemas";
import { runCustomerImport } from "./import-run";

/** Runs the import as the system of its tenant; errors are rethrown so the job's retries apply. */
export const customerImportHandler: JobHandler<CustomerImportJob> = async ({ tenantId, importId, mode }) => {
  await runCustomerImport(systemContext(tenantId), importId, mode);
};
