"use server";

import { revalidatePath } from "next/cache";
import { tenantAction } from "@/server/http/tenant-action";
import { formText } from "@/server/http/tenant-action";
import { markFeedbackHandled } from "@/server/modules/feedback/feedback-inbox";
import { ZMarkFeedbackHandled } from "@/server/modules/feedback/feedback.schemas";

export const markFeedbackHandledAction = tenantAction(
  { permission: "customers:write", schema: ZMarkFeedbackHandled, fromForm: (form) => ({ id: formText(form, "id") ?? "" }) },
  async (ctx, input) => {
    const outcome = await markFeedbackHandled(ctx, input);
    revalidatePath(`/t/${ctx.tenantSlug}/inbox/feedback`);
    return { status: "ok", message: outcome.status === "handled" ? "Marked handled." : "Already handled." };
  },
);
