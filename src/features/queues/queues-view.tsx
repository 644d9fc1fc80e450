import type { ReactNode } from "react";
import { Alert } from "@/components/alert";
import { Card } from "@/components/card";
import { CheckCircleIcon } from "@/components/icons";
import { EmptyState } from "@/components/empty-state";
import type { FailedJobDto, PlatformFailedJobDto, QueueState, QueueSummaryDto } from "@/server/modules/queue-monitor/queue-monitor.schemas";
import { FailedJobsTable, QueueCountsTable, type JobActions } from "./queue-tables";

export interface QueuesData {
  queues: QueueSummaryDto[];
  failed: (FailedJobDto | PlatformFailedJobDto)[];
}

/**
 * The body of a queue screen: counts per state and the latest failures with their actions. The
 * brand's screen and the operators' screen differ only in whose jobs `data` holds, the notice on
 * top and the actions; `data` null means Redis did not answer.
 */
export function QueuesView({
  data,
  notice,
  failuresDescription,
  states,
  actions,
}: {
  data: QueuesData | null;
  notice: ReactNode;
  failuresDescription: string;
  states: readonly QueueState[];
  actions: JobActions;
}) {
  if (!data) {
    return (
      <Alert tone="danger" title="The queues cannot be read">
        Redis did not answer. Check that it is running and that REDIS_URL points at it, then refresh.
      </Alert>
    );
  }
  return (
    <div className="space-y-6">
      {notice}
      <Card title="Jobs per state" headingLevel={2} flush>
        <QueueCountsTable queues={data.queues} states={states} />
      </Card>
      <Card title="Latest failures" description={failuresDescription} headingLevel={2} flush>
        {data.failed.length === 0 ? (
          <EmptyState icon={<CheckCircleIcon />} headingLevel={3} title="No failed jobs" description="Jobs that fail after all their attempts show up here." />
        ) : (
          <FailedJobsTable jobs={data.failed} actions={actions} />
        )}
      </Card>
    </div>
  );
}
