"use server";

import { revalidatePath } from "next/cache";
import { formText, tenantAction } from "@/server/http/tenant-action";
import { replyToMention } from "@/server/modules/mentions/inbox/reply-to-mention";
import { ZReplyToMention } from "@/server/modules/mentions/inbox-reply.schemas";

/**
 * "Post reply" under a mention, as the brand's connected account. The page is drawn again either
 * way: a posted reply shows in the thread, a refused one shows with why, and the form gets a new
 * request key so that trying again is a new attempt.
 */
export const replyToMentionAction = tenantAction(
  {
    permission: "mentions:moderate",
    schema: ZReplyToMention,
    fromForm: (form) => ({ mentionId: formText(form, "mentionId"), text: formText(form, "text"), requestKey: formText(form, "requestKey") }),
  },
  async (ctx, input) => {
    const { reply, replayed } = await replyToMention(ctx, input);
    revalidatePath(`/t/${ctx.tenantSlug}/inbox`);
    if (reply.status === "FAILED")
      return { status: "error", message: `The reply was not posted: ${reply.error ?? "the network refused it"}.`, fieldErrors: {} };
    return { status: "ok", message: replayed ? "This reply was already sent." : `Posted as @${reply.asHandle}.` };
  },
);
