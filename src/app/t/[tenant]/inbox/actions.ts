"use server";

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/server/http/action-state";
import { formText, tenantAction } from "@/server/http/tenant-action";
import { awardMentionBonus } from "@/server/modules/mentions/inbox/award-mention-bonus";
import { tagMatching, tagMentions } from "@/server/modules/mentions/inbox/bulk-tag-mentions";
import {
  ZAddMentionNote,
  ZAssignMention,
  ZAwardMentionBonus,
  ZDeleteInboxView,
  ZOverrideSentiment,
  ZSaveInboxView,
  ZTriageForm,
  ZTagMatching,
  ZTagMention,
  ZTagMentions,
  ZTriageMatching,
} from "@/server/modules/mentions/inbox/inbox.schemas";
import { deleteInboxView, saveInboxView } from "@/server/modules/mentions/inbox/inbox-views";
import { overrideMentionSentiment } from "@/server/modules/mentions/inbox/override-sentiment";
import { setTriageForMatching } from "@/server/modules/mentions/inbox/triage-matching";
import { addMentionNote, assignMention, disqualifyMentions, setTriageStatus, tagMention, untagMention } from "@/server/modules/mentions/inbox/triage-mentions";

const strings = (form: FormData, name: string) => form.getAll(name).filter((v): v is string => typeof v === "string");
/**
 * The list's filters ride along as one hidden JSON field, validated by the action's schema. Text
 * that is not JSON is refused there too (null is no filter object): read as "no filter", it would
 * turn an "all matching" action on a few mentions into one on every mention.
 */
function filtersField(form: FormData): unknown {
  try {
    return JSON.parse(formText(form, "filters") ?? "{}") as unknown;
  } catch {
    return null;
  }
}
const points = (n: number) => `${n} point${n === 1 ? "" : "s"}`;

/** One row or a selection: a triage step, or disqualification (its reason required) through the pipeline's flow. */
export const triageMentionsAction = tenantAction(
  {
    permission: "mentions:moderate",
    schema: ZTriageForm,
    fromForm: (form) => ({ mentionIds: strings(form, "mentionIds"), status: formText(form, "status"), reason: formText(form, "reason") }),
  },
  async (ctx, input) => {
    let message: string;
    if (input.status === "disqualified") {
      const done = await disqualifyMentions(ctx, { mentionIds: input.mentionIds, reason: input.reason ?? "" });
      message = `Disqualified ${done.disqualified} mention${done.disqualified === 1 ? "" : "s"}; ${points(done.pointsTakenBack)} taken back.`;
    } else {
      const done = await setTriageStatus(ctx, { mentionIds: input.mentionIds, status: input.status });
      message = `Updated ${done.changed} mention${done.changed === 1 ? "" : "s"}${done.skipped ? ` (${done.skipped} unchanged)` : ""}.`;
    }
    revalidatePath(`/t/${ctx.tenantSlug}/inbox`);
    return { status: "ok", message };
  },
);

export const assignMentionAction = tenantAction(
  {
    permission: "mentions:moderate",
    schema: ZAssignMention,
    fromForm: (form) => ({ mentionId: formText(form, "mentionId"), assigneeId: formText(form, "assigneeId") || null }),
  },
  async (ctx, input) => {
    const { changed } = await assignMention(ctx, input);
    revalidatePath(`/t/${ctx.tenantSlug}/inbox`);
    return { status: "ok", message: changed ? (input.assigneeId ? "Assigned." : "Unassigned.") : "No change." };
  },
);

export const addMentionNoteAction = tenantAction(
  { permission: "mentions:moderate", schema: ZAddMentionNote, fromForm: (form) => ({ mentionId: formText(form, "mentionId"), body: formText(form, "body") }) },
  async (ctx, input) => {
    await addMentionNote(ctx, input);
    revalidatePath(`/t/${ctx.tenantSlug}/inbox`);
    return { status: "ok", message: "Note added." };
  },
);

export const awardMentionBonusAction = tenantAction(
  {
    permission: "ledger:adjust",
    schema: ZAwardMentionBonus,
    fromForm: (form) => ({
      mentionId: formText(form, "mentionId"),
      amount: Number(formText(form, "amount") ?? ""),
      reason: formText(form, "reason"),
      idempotencyKey: formText(form, "idempotencyKey"),
    }),
  },
  async (ctx, input) => {
    const result = await awardMentionBonus(ctx, input);
    revalidatePath(`/t/${ctx.tenantSlug}/inbox`);
    return { status: "ok", message: result.replayed ? "This bonus was already awarded." : `Awarded ${points(input.amount)}. Balance: ${result.balance}.` };
  },
);

export const overrideSentimentAction = tenantAction(
  {
    permission: "mentions:moderate",
    schema: ZOverrideSentiment,
    fromForm: (form) => ({ mentionId: formText(form, "mentionId"), sentiment: formText(form, "sentiment") }),
  },
  async (ctx, input) => {
    const { changed } = await overrideMentionSentiment(ctx, input);
    revalidatePath(`/t/${ctx.tenantSlug}/inbox`);
    return { status: "ok", message: changed ? "Sentiment set." : "No change." };
  },
);

/** "All matching": a triage step for every mention the current filters match. */
export const triageMatchingAction = tenantAction(
  {
    permission: "mentions:moderate",
    schema: ZTriageMatching,
    fromForm: (form) => ({ filters: filtersField(form), status: formText(form, "status") }),
  },
  async (ctx, input) => {
    const { changed } = await setTriageForMatching(ctx, input);
    revalidatePath(`/t/${ctx.tenantSlug}/inbox`);
    return { status: "ok", message: `Updated ${changed} matching mention${changed === 1 ? "" : "s"}.` };
  },
);

export const saveInboxViewAction = tenantAction(
  {
    permission: "mentions:read",
    schema: ZSaveInboxView,
    fromForm: (form) => ({ name: formText(form, "name"), filters: filtersField(form) }),
  },
  async (ctx, input) => {
    const { replaced } = await saveInboxView(ctx, input);
    revalidatePath(`/t/${ctx.tenantSlug}/inbox`);
    return { status: "ok", message: replaced ? "View updated." : "View saved." };
  },
);

export const deleteInboxViewAction = tenantAction(
  { permission: "mentions:read", schema: ZDeleteInboxView, fromForm: (form) => ({ viewId: formText(form, "viewId") }) },
  async (ctx, input) => {
    await deleteInboxView(ctx, input.viewId);
    revalidatePath(`/t/${ctx.tenantSlug}/inbox`);
    return { status: "ok", message: "View deleted." };
  },
);

const tagFields = (form: FormData) => ({ mentionId: formText(form, "mentionId"), tag: formText(form, "tag") });

export const tagMentionAction = tenantAction({ permission: "mentions:moderate", schema: ZTagMention, fromForm: tagFields }, async (ctx, input) => {
  const { added } = await tagMention(ctx, input);
  revalidatePath(`/t/${ctx.tenantSlug}/inbox`);
  return { status: "ok", message: added ? `Tagged “${input.tag}”.` : "Already tagged." };
});

export const untagMentionAction = tenantAction({ permission: "mentions:moderate", schema: ZTagMention, fromForm: tagFields }, async (ctx, input) => {
  const { removed } = await untagMention(ctx, input);
  revalidatePath(`/t/${ctx.tenantSlug}/inbox`);
  return { status: "ok", message: removed ? "Tag removed." : "No such tag." };
});

const mentionsWord = (n: number) => (n === 1 ? "mention" : "mentions");

/** The selection's tag: "add" or "remove", as the button pressed says (op). Reached through selectionAction. */
const tagSelection = tenantAction(
  {
    permission: "mentions:moderate",
    schema: ZTagMentions,
    fromForm: (form) => ({ mentionIds: strings(form, "mentionIds"), tag: formText(form, "tag"), op: formText(form, "op") }),
  },
  async (ctx, input) => {
    const { changed, unchanged } = await tagMentions(ctx, input);
    revalidatePath(`/t/${ctx.tenantSlug}/inbox`);
    const done =
      input.op === "add" ? `Tagged ${changed} ${mentionsWord(changed)} “${input.tag}”` : `Removed “${input.tag}” from ${changed} ${mentionsWord(changed)}`;
    return { status: "ok", message: `${done}${unchanged ? ` (${unchanged} unchanged)` : ""}.` };
  },
);

/**
 * The selection's one form (its checkboxes can belong to one form only): a tag button sends op
 * (add or remove) and goes to the tag action, the status button goes to the triage action. Each
 * passes its own guard.
 */
export async function selectionAction(state: ActionState, form: FormData): Promise<ActionState> {
  return form.has("op") ? tagSelection(state, form) : triageMentionsAction(state, form);
}

/** A tag on (or off) every mention the current filters match, a bounded batch per run (bulk-tag-mentions.ts). */
export const tagMatchingAction = tenantAction(
  {
    permission: "mentions:moderate",
    schema: ZTagMatching,
    fromForm: (form) => ({ filters: filtersField(form), tag: formText(form, "tag"), op: formText(form, "op") }),
  },
  async (ctx, input) => {
    const { changed, more } = await tagMatching(ctx, input);
    revalidatePath(`/t/${ctx.tenantSlug}/inbox`);
    const what = `${changed} matching ${mentionsWord(changed)}`;
    const done = input.op === "add" ? `Tagged ${what} “${input.tag}”` : `Removed “${input.tag}” from ${what}`;
    return { status: "ok", message: `${done}.${more ? " More match: apply again to go on." : ""}` };
  },
);
