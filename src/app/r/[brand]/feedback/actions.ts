"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { customerAction } from "@/server/http/portal-action";
import { formText } from "@/server/http/tenant-action";
import { shareFeedback } from "@/server/modules/feedback/feedback-share";
import { ZFeedbackAnswer, ZFeedbackShare } from "@/server/modules/feedback/feedback.schemas";
import { submitFeedback } from "@/server/modules/feedback/submit-feedback";

export const submitFeedbackAction = customerAction(
  {
    schema: ZFeedbackAnswer,
    fromForm: (form) => ({ score: formText(form, "score") ?? "", comment: formText(form, "comment") ?? "", locationId: formText(form, "locationId") ?? "" }),
  },
  async ({ brand, cctx }, input) => {
    const answered = await submitFeedback(cctx, input);
    redirect(`/r/${brand.scope.tenantSlug}/feedback?answered=${answered.id}`);
  },
);

export const shareFeedbackAction = customerAction(
  { schema: ZFeedbackShare, fromForm: (form) => ({ responseId: formText(form, "responseId") ?? "", text: formText(form, "text") ?? "" }) },
  async ({ brand, cctx }, input) => {
    await shareFeedback(cctx, input);
    revalidatePath(`/r/${brand.scope.tenantSlug}/feedback`);
    return {
      status: "ok",
      message: "Thank you! Your post is on its way; it shows under Linked accounts → Posted on your behalf, and your points follow once it is live.",
    };
  },
);
