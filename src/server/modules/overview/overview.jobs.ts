import { z } from "zod";
import { defineJob } from "../../jobs/define-job";

const ZDay = z.iso.date();

/** Recount one brand's overview rollups for a range of days (UTC, both included). */
export const ZRecountRollupsJob = z.strictObject({
  tenantId: z.string().min(1),
  from: ZDay,
  to: ZDay,
});
export type RecountRollupsJob = z.infer<typeof ZRecountRollupsJob>;

/**
 * The repair for drifted rollups (a trigger disabled during a bulk load, a restored backup, a
 * hand edit): rewrites the days' rows from the mentions, matches, ledger and linked profiles.
 * A serialization failure against a concurrent writer is retried.
 */
export const recountRollupsJob = defineJob({
  name: "overview.recount-rollups",
  scope: "tenant",
  queue: "maintenance",
  payload: ZRecountRollupsJob,
  handler: async () => (await import("./overview.handlers")).recountRollupsHandler,
  retry: { attempts: 4, backoffMs: 5_000 },
  retain: "history",
});

export const OVERVIEW_JOBS = [recountRollupsJob] as const;
