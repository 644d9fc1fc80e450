"use server";

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/server/http/action-state";
import { getSessionUser } from "@/server/http/session";
import { errorState, formText } from "@/server/http/tenant-action";
import type { FailedJobDto, JobRefInput } from "@/server/modules/queue-monitor/queue-monitor.schemas";
import { discardPlatformJob, retryPlatformJob } from "@/server/modules/queue-monitor/platform-queue-monitor.service";

type SignedIn = Awaited<ReturnType<typeof getSessionUser>>;

/**
 * Operator actions hand the signed-in user and the raw form to the service, which checks the
 * flag and the operator row before it reads anything (a refused caller learns only NOT_FOUND).
 */
function operatorJobAction(run: (user: SignedIn, input: JobRefInput) => Promise<FailedJobDto>, done: string) {
  return async (_previous: ActionState, form: FormData): Promise<ActionState> => {
    try {
      const job = await run(await getSessionUser(), { queue: formText(form, "queue") ?? "", jobId: formText(form, "jobId") ?? "" });
      revalidatePath("/ops/queues");
      return { status: "ok", message: `${job.name} ${job.id} ${done}.` };
    } catch (error) {
      return errorState(error);
    }
  };
}

export const retryPlatformJobAction = operatorJobAction(retryPlatformJob, "is waiting to run again");
export const discardPlatformJobAction = operatorJobAction(discardPlatformJob, "was discarded");
