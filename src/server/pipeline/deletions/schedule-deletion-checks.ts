import type { JobsOptions } from "bullmq";
import { Prisma } from "../../db/generated/client";
import type { Network } from "../../db/generated/enums";
import { withPgConnection } from "../../db/raw-sql";
import { DEFAULT_CONNECTION_LABEL } from "../../modules/channels/channel.schemas";
import { searchNetworks } from "../../social/provider-registry";
import type { CheckDeletionsJob } from "./deletion.schemas";

export interface ScheduledDeletionCheck {
  payload: CheckDeletionsJob;
  options: Pick<JobsOptions, "jobId">;
}

/**
 * The job that starts a pass of one tenant and network. Scheduler ticks and "Run a pass now"
 * use the same id, so a start still queued is not queued twice (a running pass is kept single
 * by its claim in DeletionCheckState).
 */
export function deletionCheckJobId(tenantId: string, network: Network): string {
  return `check-deletions:${tenantId}:${network}`;
}

/**
 * CROSS-TENANT (the scheduler's fan-out): every tenant+network with an active connection and at
 * least one mention due for a deletion check, as one pass-starting job each. Walks the (small)
 * connection table and asks the Mention index (tenantId, network, deletionCheckAt) once per
 * connection; networks without post lookups are left out.
 */
export async function unsafeScheduleDeletionChecks(now = new Date()): Promise<ScheduledDeletionCheck[]> {
  const networks = searchNetworks();
  if (networks.length === 0) return [];
  const rows = await withPgConnection((run) =>
    run<{ tenantId: string; network: Network }>(Prisma.sql`
      SELECT c."tenantId", c.network::text AS network
      FROM "ChannelConnection" c
      WHERE c.status = 'ACTIVE' AND c.label = ${DEFAULT_CONNECTION_LABEL} AND c.network::text = ANY(${networks}::text[])
        AND EXISTS (
          SELECT 1 FROM "Mention" m
          WHERE m."tenantId" = c."tenantId" AND m.network = c.network AND m."deletionCheckAt" <= ${now} AND m.status <> 'DELETED'
        )
      ORDER BY c."tenantId", c.network`),
  );
  return rows.map((r) => ({
    payload: { tenantId: r.tenantId, network: r.network, passId: null },
    options: { jobId: deletionCheckJobId(r.tenantId, r.network) },
  }));
}
