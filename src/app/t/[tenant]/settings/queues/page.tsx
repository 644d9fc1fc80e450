import { Alert } from "@/components/alert";
import { ButtonLink } from "@/components/button-link";
import { QueuesView, type QueuesData } from "@/features/queues/queues-view";
import { requireMember } from "@/server/http/require-member";
import { requirePermission } from "@/server/http/require-permission";
import { QUEUE_STATES } from "@/server/modules/queue-monitor/queue-monitor.schemas";
import { getQueueOverview, listFailedJobs } from "@/server/modules/queue-monitor/queue-monitor.service";
import { discardJobAction, retryJobAction } from "./actions";
import { SettingsPageHeader } from "@/features/settings/settings-page-header";

export const metadata = { title: "Queues" };
// Live counts: never serve a cached render.
export const dynamic = "force-dynamic";

/**
 * This brand's background jobs, for admins and owners: counts per state and the latest
 * failures, computed server-side from this brand's jobs only (queue-monitor.service.ts).
 * Other brands' jobs and the platform's own (scheduler ticks, mail) are not shown here.
 */
export default async function QueuesPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const base = `/t/${slug}/settings/queues`;
  const { ctx, can } = await requireMember(slug, base);
  requirePermission(can, "settings:write");
  const header = (
    <SettingsPageHeader
      slug={slug}
      title="Queues"
      description="This brand's background jobs: how many wait, run and failed, and the latest failures."
      actions={
        <ButtonLink href={base} variant="secondary">
          Refresh
        </ButtonLink>
      }
    />
  );
  let data: QueuesData | null = null;
  try {
    const [queues, failed] = await Promise.all([getQueueOverview(ctx), listFailedJobs(ctx)]);
    data = { queues, failed };
  } catch {
    data = null;
  }
  return (
    <>
      {header}
      <QueuesView
        data={data}
        states={QUEUE_STATES}
        notice={
          <Alert tone="info" role="none">
            Only this brand&apos;s jobs are counted and listed. A failure shows its reason and the ids it concerns, never the job&apos;s contents.
            {data?.queues.some((q) => q.partial) && " A long backlog is counted from its newest jobs only (marked +)."}
          </Alert>
        }
        failuresDescription="The 20 most recent, newest first. Retry moves a job back to waiting with its attempts reset; Discard removes it for good."
        actions={{ retry: retryJobAction, discard: discardJobAction, fields: { tenant: slug } }}
      />
    </>
  );
}
