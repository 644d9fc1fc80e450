import { Alert } from "@/components/alert";
import { ButtonLink } from "@/components/button-link";
import { PageHeader } from "@/components/page-header";
import { QueuesView, type QueuesData } from "@/features/queues/queues-view";
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
  let data: QueuesData | null = null;
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
        description="Background jobs of every brand and of the platform itself."
        actions={
          <ButtonLink href="/ops/queues" variant="secondary">
            Refresh
          </ButtonLink>
        }
      />
      <QueuesView
        data={data}
        states={QUEUE_STATES}
        notice={
          <Alert tone="warning" role="none">
            This view crosses brands. Retries and discards here are recorded in the platform audit log with your account.
          </Alert>
        }
        failuresDescription="The 20 most recent across all brands, newest first."
        actions={{ retry: retryPlatformJobAction, discard: discardPlatformJobAction, fields: {} }}
      />
    </main>
  );
}
