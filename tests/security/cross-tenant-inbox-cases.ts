// The mention inbox's server actions in the cross-tenant matrix (cross-tenant-matrix.ts spreads
// them into ACTION_CASES): each refuses tenant B's mentions, views, segments and feedback.
import type { ActionCase } from "./cross-tenant-matrix";

const NO_SEGMENT = `seg_${"0".repeat(32)}`;

export const INBOX_ACTION_CASES: Record<string, ActionCase> = {
  // Issue 12 item 2: the mention inbox triages, assigns, notes and awards bonuses only on its own brand's mentions.
  "ACTION t/[tenant]/inbox/actions.ts#triageMentionsAction": { fields: (ids) => ({ mentionIds: ids.mention, status: "done" }), underOwnSlug: "not-found" },
  "ACTION t/[tenant]/inbox/actions.ts#assignMentionAction": { fields: (ids) => ({ mentionId: ids.mention, assigneeId: "" }), underOwnSlug: "not-found" },
  "ACTION t/[tenant]/inbox/actions.ts#addMentionNoteAction": { fields: (ids) => ({ mentionId: ids.mention, body: "planted by A" }), underOwnSlug: "not-found" },
  "ACTION t/[tenant]/inbox/actions.ts#tagMentionAction": { fields: (ids) => ({ mentionId: ids.mention, tag: "planted" }), underOwnSlug: "not-found" },
  "ACTION t/[tenant]/inbox/actions.ts#untagMentionAction": { fields: (ids) => ({ mentionId: ids.mention, tag: "victim-tag" }), underOwnSlug: "not-found" },
  "ACTION t/[tenant]/inbox/actions.ts#overrideSentimentAction": {
    fields: (ids) => ({ mentionId: ids.mention, sentiment: "DETRACTOR" }),
    underOwnSlug: "not-found",
  },
  // "All matching" under A's own slug, filtered by B's source: it may only ever touch A's mentions.
  "ACTION t/[tenant]/inbox/actions.ts#triageMatchingAction": {
    fields: (ids) => ({ filters: JSON.stringify({ source: ids.source }), status: "done" }),
    underOwnSlug: "own-tenant",
  },
  "ACTION t/[tenant]/inbox/reply-actions.ts#replyToMentionAction": {
    fields: (ids) => ({ mentionId: ids.mention, text: "planted reply", requestKey: "planted-request-key-0001" }),
    underOwnSlug: "not-found",
  },
  // The selection's one form: tag buttons (op) go to tagging, the status button to triage; both refuse B's mentions.
  "ACTION t/[tenant]/inbox/actions.ts#selectionAction": {
    fields: (ids) => ({ mentionIds: ids.mention, tag: "planted", op: "add" }),
    underOwnSlug: "not-found",
  },
  // "All matching" under A's own slug, filtered by B's segment: answered as a segment that does not exist.
  "ACTION t/[tenant]/inbox/actions.ts#tagMatchingAction": {
    fields: (ids) => ({ filters: JSON.stringify({ segment: ids.segment }), tag: "planted", op: "add" }),
    underOwnSlug: { asNonexistent: { filters: JSON.stringify({ segment: NO_SEGMENT }), tag: "planted", op: "add" } },
  },
  "ACTION t/[tenant]/inbox/actions.ts#saveInboxViewAction": { fields: () => ({ name: "Planted view", filters: "{}" }), underOwnSlug: "own-tenant" },
  "ACTION t/[tenant]/inbox/actions.ts#deleteInboxViewAction": { fields: (ids) => ({ viewId: ids.view ?? "" }), underOwnSlug: "not-found" },
  "ACTION t/[tenant]/inbox/actions.ts#awardMentionBonusAction": {
    fields: (ids) => ({ mentionId: ids.mention, amount: "50", reason: "planted by A", idempotencyKey: "planted" }),
    underOwnSlug: "not-found",
  },

  // The inbox's Feedback view marks only its own brand's answers handled.
  "ACTION t/[tenant]/inbox/feedback/actions.ts#markFeedbackHandledAction": { fields: (ids) => ({ id: ids.feedback ?? "" }), underOwnSlug: "not-found" },
};
