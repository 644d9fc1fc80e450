// The inbox's saved views (a member's own), sentiment override (kept beside the model's, undone
// by choosing the model's label again) and "all matching" triage (every page the filters match,
// nothing else), on real Postgres.
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { AppError } from "../../../src/server/errors";
import { deleteInboxView, listInboxViews, saveInboxView } from "../../../src/server/modules/mentions/inbox/inbox-views";
import { listInbox } from "../../../src/server/modules/mentions/inbox/list-inbox";
import { overrideMentionSentiment } from "../../../src/server/modules/mentions/inbox/override-sentiment";
import { setTriageForMatching } from "../../../src/server/modules/mentions/inbox/triage-matching";
import { addMember, createTenantWithMember, makeCustomer } from "../support/factories";
import { seedMention } from "./inbox-kit";

const mention = (ctx: TenantContext, id: string) => getDb().mention.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id } });
const rejectsWith = async (promise: Promise<unknown>, code: string) => {
  const error = await promise.then(() => null).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
};
/** Input the schema refuses: the ZodError the HTTP layer answers with 422 and the issues. */
const refusesInput = async (promise: Promise<unknown>) => expect(await promise.then(() => null).catch((e: unknown) => e)).toBeInstanceOf(ZodError);

describe("saved views", () => {
  it("are each member's own: saved, replaced by name, listed by name, deleted; another member's id is not found", async () => {
    const owner = await createTenantWithMember("OWNER");
    const viewer = await addMember(owner.ctx, "VIEWER");
    const first = await saveInboxView(owner.ctx, { name: "Questions on X", filters: { network: "TWITTER", question: "1" } });
    expect(first.replaced).toBe(false);
    await saveInboxView(owner.ctx, { name: "Angry", filters: { sentiment: "DETRACTOR" } });
    const again = await saveInboxView(owner.ctx, { name: "Questions on X", filters: { network: "TWITTER", question: "1", status: "new" } });
    expect(again).toEqual({ id: first.id, replaced: true });
    expect(await listInboxViews(owner.ctx)).toEqual([
      { id: expect.any(String), name: "Angry", filters: { sentiment: "DETRACTOR" } },
      { id: first.id, name: "Questions on X", filters: { network: "TWITTER", question: "1", status: "new" } },
    ]);
    // A viewer keeps views too, and sees none of the owner's.
    expect(await listInboxViews(viewer.ctx)).toEqual([]);
    await rejectsWith(deleteInboxView(viewer.ctx, first.id), "NOT_FOUND");
    await deleteInboxView(owner.ctx, first.id);
    expect((await listInboxViews(owner.ctx)).map((v) => v.name)).toEqual(["Angry"]);
  });

  it("refuses a blank or long name and a bad filter, and another brand's member never sees them", async () => {
    const owner = await createTenantWithMember("OWNER");
    const other = await createTenantWithMember("OWNER");
    await refusesInput(saveInboxView(owner.ctx, { name: "  ", filters: {} }));
    await refusesInput(saveInboxView(owner.ctx, { name: "x".repeat(61), filters: {} }));
    await refusesInput(saveInboxView(owner.ctx, { name: "bad", filters: { network: "MYSPACE" } }));
    expect(await listInboxViews(owner.ctx)).toEqual([]);
    const view = await saveInboxView(owner.ctx, { name: "Mine", filters: {} });
    expect(await listInboxViews(other.ctx)).toEqual([]);
    await rejectsWith(deleteInboxView(other.ctx, view.id), "NOT_FOUND");
  });
});

describe("sentiment override", () => {
  it("keeps the model's label and score, moves the score into the new label's band, is audited, and is undone by the model's label", async () => {
    const owner = await createTenantWithMember("OWNER");
    const seeded = await seedMention(owner.ctx, { sentiment: "PROMOTER", text: "yeah great, another broken machine" });
    expect(await overrideMentionSentiment(owner.ctx, { mentionId: seeded.id, sentiment: "DETRACTOR" })).toEqual({ changed: true });
    let row = await mention(owner.ctx, seeded.id);
    expect(row).toMatchObject({ sentimentLabel: "DETRACTOR", sentimentModelLabel: "PROMOTER", sentimentModelScore: 0.8 });
    expect(row.sentimentScore).toBeLessThanOrEqual(-0.2);
    // The inbox shows it, and filters by the corrected label.
    const negative = await listInbox(owner.ctx, { filters: { sentiment: "DETRACTOR" } });
    expect(negative.items.map((i) => [i.id, i.sentimentOverride?.modelLabel])).toEqual([[seeded.id, "PROMOTER"]]);
    expect((await listInbox(owner.ctx, { filters: { sentiment: "PROMOTER" } })).items).toEqual([]);
    // A second change keeps what the model said, not the first override.
    await overrideMentionSentiment(owner.ctx, { mentionId: seeded.id, sentiment: "PASSIVE" });
    expect(await mention(owner.ctx, seeded.id)).toMatchObject({ sentimentLabel: "PASSIVE", sentimentScore: 0, sentimentModelLabel: "PROMOTER" });
    // Back to the model's label: its score returns and the override is gone.
    await overrideMentionSentiment(owner.ctx, { mentionId: seeded.id, sentiment: "PROMOTER" });
    row = await mention(owner.ctx, seeded.id);
    expect(row).toMatchObject({ sentimentLabel: "PROMOTER", sentimentScore: 0.8, sentimentModelLabel: null, sentimentOverriddenAt: null });
    expect(await overrideMentionSentiment(owner.ctx, { mentionId: seeded.id, sentiment: "PROMOTER" })).toEqual({ changed: false });
    const audits = await getDb().auditLog.findMany({
      where: { tenantId: owner.ctx.tenantId, action: "mention.sentiment_overridden" },
      orderBy: { createdAt: "asc" },
    });
    expect(audits.map((a) => a.data)).toEqual([
      { from: "PROMOTER", to: "DETRACTOR", model: "PROMOTER" },
      { from: "DETRACTOR", to: "PASSIVE", model: "PROMOTER" },
      { from: "PASSIVE", to: "PROMOTER", model: "PROMOTER" },
    ]);
  });

  it("is refused to a viewer and across brands", async () => {
    const owner = await createTenantWithMember("OWNER");
    const viewer = await addMember(owner.ctx, "VIEWER");
    const other = await createTenantWithMember("OWNER");
    const seeded = await seedMention(owner.ctx, { sentiment: "PASSIVE" });
    await rejectsWith(overrideMentionSentiment(viewer.ctx, { mentionId: seeded.id, sentiment: "DETRACTOR" }), "FORBIDDEN");
    await rejectsWith(overrideMentionSentiment(other.ctx, { mentionId: seeded.id, sentiment: "DETRACTOR" }), "NOT_FOUND");
    expect((await mention(owner.ctx, seeded.id)).sentimentLabel).toBe("PASSIVE");
  });
});

describe("all matching", () => {
  it("moves every mention the filters match, across pages, and nothing else; disqualified ones and other brands stay", async () => {
    const owner = await createTenantWithMember("OWNER");
    const other = await createTenantWithMember("OWNER");
    const customer = await makeCustomer(owner.ctx);
    const matching = [];
    for (let i = 0; i < 30; i++)
      matching.push(await seedMention(owner.ctx, { network: "FOURSQUARE", customerId: customer.id, postedAt: new Date(Date.now() - i * 60_000) }));
    const elsewhere = await seedMention(owner.ctx, { network: "TWITTER", customerId: customer.id });
    const out = await seedMention(owner.ctx, { network: "FOURSQUARE", customerId: customer.id, status: "DISQUALIFIED" });
    const theirs = await seedMention(other.ctx, { network: "FOURSQUARE" });
    // More than one page of the list (25 a page): the action is not limited to what is shown.
    expect((await listInbox(owner.ctx, { filters: { network: "FOURSQUARE", status: "new" } })).nextCursor).not.toBeNull();

    expect(await setTriageForMatching(owner.ctx, { filters: { network: "FOURSQUARE" }, status: "done" })).toEqual({ changed: 30 });
    const rows = await getDb().mention.findMany({ where: { tenantId: owner.ctx.tenantId }, select: { id: true, triage: true } });
    const triage = new Map(rows.map((r) => [r.id, r.triage]));
    expect(matching.every((m) => triage.get(m.id) === "DONE")).toBe(true);
    expect(triage.get(elsewhere.id)).toBe("NEW");
    expect(triage.get(out.id)).toBe("NEW");
    expect((await mention(other.ctx, theirs.id)).triage).toBe("NEW");
    // Again: nothing left to change, and no second audit entry.
    expect(await setTriageForMatching(owner.ctx, { filters: { network: "FOURSQUARE" }, status: "done" })).toEqual({ changed: 0 });
    const audits = await getDb().auditLog.findMany({ where: { tenantId: owner.ctx.tenantId, action: "mention.triaged_matching" } });
    expect(audits.map((a) => a.data)).toEqual([{ to: "DONE", changed: 30, filters: { network: "FOURSQUARE" } }]);
  });

  it("follows the full-text search too, and is refused to a viewer", async () => {
    const owner = await createTenantWithMember("OWNER");
    const viewer = await addMember(owner.ctx, "VIEWER");
    const hit = await seedMention(owner.ctx, { text: "the pistachio swirl is back" });
    const miss = await seedMention(owner.ctx, { text: "vanilla all day" });
    await rejectsWith(setTriageForMatching(viewer.ctx, { filters: { q: "pistachio" }, status: "in_progress" }), "FORBIDDEN");
    expect(await setTriageForMatching(owner.ctx, { filters: { q: "pistachio" }, status: "in_progress" })).toEqual({ changed: 1 });
    expect((await mention(owner.ctx, hit.id)).triage).toBe("IN_PROGRESS");
    expect((await mention(owner.ctx, miss.id)).triage).toBe("NEW");
  });
});
