import { systemContext } from "../../auth/tenant-context";
import type { JobHandler } from "../../jobs/define-job";
import { getLogger } from "../../logger";
import type { RecountRollupsJob } from "./overview.jobs";
import { recountRollups } from "./rollup-recount";

export const recountRollupsHandler: JobHandler<RecountRollupsJob> = async ({ tenantId, from, to }) => {
  const result = await recountRollups(systemContext(tenantId), { from, to });
  getLogger().info({ tenantId, from, to, ...result }, "overview rollups recounted");
};
