import { Alert } from "@/components/alert";
import { ButtonLink } from "@/components/button-link";
import { Card } from "@/components/card";
import { CheckCircleIcon } from "@/components/icons";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { FailedJobsTable, QueueCountsTable } from "@/features/queues/queue-tables";
import { requireOperatorPage } from "@/server/http/require-operator";
import { getSessionUser } from "@/server/http/session";
import { QUEUE_STATES } from "@/server/modules/queue-monitor/queue-monitor.schemas";
import { getPlatformQueueOverview, listPlatformFailedJobs } from "@/server/modules/queue-monitor/platform-queue-monitor.service";
import { discardPlatformJobAction, retryPlatformJobAction } from "./actions";

export const metadata = { title: "Platform queues" };
export const dynamic = "force-dynamic";

/**
 * Every tenant's jobs and the platform's own, for platform operators only (PlatformOperator row,
 * granted by `npm run ops:grant`), and only when PLATFORM_OPERATOR_VIEW=true. Anyone else gets 404.
 */
export default async function PlatformQueuesPage() {
  await requireOperatorPage();
  const user = await getSessionUser();
  let data: { queues: Awaited<ReturnType<typeof getPlatformQueueOverview>>; failed: Awaited<ReturnType<typeof listPlatformFailedJobs>> } | null = null;
  try {
    // The services check the operator again themselves.
    const [queues, failed] = await Promise.all([getPlatformQueueOverview(user), listPlatformFailedJobs(user)]);
    data = { queues, failed };
  } catch {
    data = null;
  }
  return (
    <main id="main-content" className="mx-auto max-w-6xl px-4 py-8">
      <PageHeader
        eyebrow="Platform operators"
        title="All queues"
        description="Background jobs of every workspace and of the platform itself."
        actions={<ButtonLink href="/ops/queues" variant="secondary">Refresh</ButtonLink>}
      />
      {!data ? (
        <Alert tone="danger" title="The queues cannot be read">
          Redis did not answer. Check that it is running and that REDIS_URL points at it, then refresh.
        </Alert>
      ) : (
        <div className="space-y-6">
          <Alert tone="warning" role="none">
            This view crosses workspaces. Retries and discards here are recorded in the platform audit log with your account.
          </Alert>
          <Card title="Jobs per state" headingLevel={2} flush>
            <QueueCountsTable queues={data.queues} states={QUEUE_STATES} />
          </Card>
          <Card title="Latest failures" description="The 20 most recent across all workspaces, newest first." headingLevel={2} flush>
            {data.failed.length === 0 ? (
              <EmptyState icon={<CheckCircleIcon />} headingLevel={3} title="No failed jobs" description="Jobs that fail after all their attempts show up here." />
            ) : (
              <FailedJobsTable jobs={data.failed} actions={{ retry: retryPlatformJobAction, discard: discardPlatformJobAction, fields: {} }} />
            )}
          </Card>
        </div>
      )}
    </main>
  );
}
