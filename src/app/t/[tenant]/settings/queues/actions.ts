"use server";

import { revalidatePath } from "next/cache";
import { formText, tenantAction } from "@/server/http/tenant-action";
import { ZRetryJob } from "@/server/modules/queue-monitor/queue-monitor.schemas";
import { retryFailedJob } from "@/server/modules/queue-monitor/queue-monitor.service";

export const retryJobAction = tenantAction(
  {
    permission: "settings:write",
    schema: ZRetryJob,
    fromForm: (form) => ({ queue: formText(form, "queue") ?? "", jobId: formText(form, "jobId") ?? "" }),
  },
  async (ctx, input) => {
    const job = await retryFailedJob(ctx, input);
    revalidatePath(`/t/${ctx.tenantSlug}/settings/queues`);
    return { status: "ok", message: `${job.name} ${job.id} is waiting to run again.` };
  },
);
