"use server";

import { revalidatePath } from "next/cache";
import { formText, tenantAction } from "@/server/http/tenant-action";
import { ZJobRef } from "@/server/modules/queue-monitor/queue-monitor.schemas";
import { discardFailedJob, retryFailedJob } from "@/server/modules/queue-monitor/queue-monitor.service";

const fromForm = (form: FormData) => ({ queue: formText(form, "queue") ?? "", jobId: formText(form, "jobId") ?? "" });

/** The service answers NOT_FOUND for a job that is not this brand's, whatever the form says. */
export const retryJobAction = tenantAction({ permission: "settings:write", schema: ZJobRef, fromForm }, async (ctx, input) => {
  const job = await retryFailedJob(ctx, input);
  revalidatePath(`/t/${ctx.tenantSlug}/settings/queues`);
  return { status: "ok", message: `${job.name} ${job.id} is waiting to run again.` };
});

export const discardJobAction = tenantAction({ permission: "settings:write", schema: ZJobRef, fromForm }, async (ctx, input) => {
  const job = await discardFailedJob(ctx, input);
  revalidatePath(`/t/${ctx.tenantSlug}/settings/queues`);
  return { status: "ok", message: `${job.name} ${job.id} was discarded.` };
});
