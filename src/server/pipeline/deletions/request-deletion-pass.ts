import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import type { Network } from "../../db/generated/enums";
import { writeAudit } from "../../modules/audit/audit.service";
import { getDeletionPassState, markPassRequested } from "./deletion-pass-state";
import type { RunPassResult } from "./deletion.schemas";
import { enqueue } from "../../jobs/queues";
import { deletionCheckJobId } from "./schedule-deletion-checks";

/**
 * "Run a pass now" (settings:write). Deduplicated twice: the request is one conditional update
 * (a second click while a pass is asked for or running changes nothing), and the start job has
 * the same id as the scheduler's, so a start already queued is not queued again. The pass then
 * runs like a scheduled one, within the same lookup budget.
 */
export async function requestDeletionPass(ctx: TenantContext, network: Network, now = new Date()): Promise<RunPassResult> {
  assertCan(ctx, "settings:write");
  const requested = await markPassRequested(ctx, network, now);
  const running = !requested && (await getDeletionPassState(ctx, network))?.passId;
  if (running) return { status: "already_running" };
  // Also when already asked for: the add is a no-op while the start job waits, and puts it
  // back if it was lost (Redis flushed) so a request cannot stay "queued" forever.
  await enqueue("mentions.check-deletions", { tenantId: ctx.tenantId, network, passId: null }, { jobId: deletionCheckJobId(ctx.tenantId, network) });
  if (!requested) return { status: "already_queued" };
  await getDb().$transaction((tx) => writeAudit(tx, ctx, { action: "deletions.pass-requested", targetType: "DeletionCheckState", targetId: network }));
  return { status: "queued" };
}
