import Link from "next/link";
import { Alert } from "@/components/alert";
import { ButtonLink } from "@/components/button-link";
import { Card } from "@/components/card";
import { CheckCircleIcon } from "@/components/icons";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { FailedJobsTable, QueueCountsTable } from "@/features/queues/queue-tables";
import { requireMember } from "@/server/http/require-member";
import { requirePermission } from "@/server/http/require-permission";
import { QUEUE_STATES } from "@/server/modules/queue-monitor/queue-monitor.schemas";
import { getQueueOverview, listFailedJobs } from "@/server/modules/queue-monitor/queue-monitor.service";
import { discardJobAction, retryJobAction } from "./actions";

export const metadata = { title: "Queues" };
// Live counts: never serve a cached render.
export const dynamic = "force-dynamic";

/**
 * This workspace's background jobs, for admins and owners: counts per state and the latest
 * failures, computed server-side from this workspace's jobs only (queue-monitor.service.ts).
 * Other workspaces' jobs and the platform's own (scheduler ticks, mail) are not shown here.
 */
export default async function QueuesPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const base = `/t/${slug}/settings/queues`;
  const { ctx, can } = await requireMember(slug, base);
  requirePermission(can, "settings:write");
  const header = (
    <PageHeader
      eyebrow={<Link href={`/t/${slug}/settings`} className="hover:underline">Settings</Link>}
      title="Queues"
      description="This workspace's background jobs: how many wait, run and failed, and the latest failures."
      actions={<ButtonLink href={base} variant="secondary">Refresh</ButtonLink>}
    />
  );
  let data: { queues: Awaited<ReturnType<typeof getQueueOverview>>; failed: Awaited<ReturnType<typeof listFailedJobs>> } | null = null;
  try {
    const [queues, failed] = await Promise.all([getQueueOverview(ctx), listFailedJobs(ctx)]);
    data = { queues, failed };
  } catch {
    data = null;
  }
  return (
    <>
      {header}
      {!data ? (
        <Alert tone="danger" title="The queues cannot be read">
          Redis did not answer. Check that it is running and that REDIS_URL points at it, then refresh.
        </Alert>
      ) : (
        <div className="space-y-6">
          <Alert tone="info" role="none">
            Only this workspace&apos;s jobs are counted and listed. A failure shows its reason and the ids it concerns,
            never the job&apos;s contents.
            {data.queues.some((q) => q.partial) && " A long backlog is counted from its newest jobs only (marked +)."}
          </Alert>
          <Card title="Jobs per state" headingLevel={2} flush>
            <QueueCountsTable queues={data.queues} states={QUEUE_STATES} />
          </Card>
          <Card title="Latest failures" description="The 20 most recent, newest first. Retry moves a job back to waiting with its attempts reset; Discard removes it for good." headingLevel={2} flush>
            {data.failed.length === 0 ? (
              <EmptyState icon={<CheckCircleIcon />} headingLevel={3} title="No failed jobs" description="Jobs that fail after all their attempts show up here." />
            ) : (
              <FailedJobsTable jobs={data.failed} actions={{ retry: retryJobAction, discard: discardJobAction, fields: { tenant: slug } }} />
            )}
          </Card>
        </div>
      )}
    </>
  );
}
