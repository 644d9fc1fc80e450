// Inbox triage on real Postgres: who may change status, assign, note, disqualify and award a
// bonus (and who may not), the audit trail of each, and that a disqualification reverses once.
import { describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb, unsafeCrossTenantDb } from "../../../src/server/db/client";
import { awardMentionBonus } from "../../../src/server/modules/mentions/inbox/award-mention-bonus";
import { addMentionNote, assignMention, disqualifyMentions, setTriageStatus } from "../../../src/server/modules/mentions/inbox/triage-mentions";
import { listInbox } from "../../../src/server/modules/mentions/inbox/list-inbox";
import { addMember, createTenantWithMember, makeCustomer } from "../support/factories";
import { assertLedgerInvariants } from "../support/ledger-invariants";
import { payMention, seedMention } from "./inbox-kit";

async function brand() {
  const owner = await createTenantWithMember("OWNER");
  const marketer = await addMember(owner.ctx, "MARKETER");
  const viewer = await addMember(owner.ctx, "VIEWER");
  const admin = await addMember(owner.ctx, "ADMIN");
  const customer = await makeCustomer(owner.ctx);
  const paid = await seedMention(owner.ctx, { customerId: customer.id, text: "Tasti rocks" });
  await payMention(owner.ctx, paid, 30);
  const prospect = await seedMention(owner.ctx, { text: "what is tasti?" });
  return { owner, marketer, viewer, admin, customer, paid, prospect };
}

const audits = (ctx: TenantContext, action: string) => getDb().auditLog.findMany({ where: { tenantId: ctx.tenantId, action }, orderBy: { createdAt: "asc" } });
const balance = async (ctx: TenantContext, customerId: string) =>
  (await getDb().pointBalance.findFirst({ where: { tenantId: ctx.tenantId, customerId } }))?.balance ?? 0;

describe("triage status", () => {
  it("a marketer moves a selection; each change is audited once; disqualified mentions keep their state", async () => {
    const b = await brand();
    const out = await seedMention(b.owner.ctx, { status: "DISQUALIFIED" });
    const result = await setTriageStatus(b.marketer.ctx, { mentionIds: [b.paid.id, b.prospect.id, out.id], status: "in_progress" });
    expect(result).toEqual({ changed: 2, skipped: 1 });
    const rows = await getDb().mention.findMany({ where: { tenantId: b.owner.ctx.tenantId }, select: { id: true, triage: true } });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.triage]))).toEqual({ [b.paid.id]: "IN_PROGRESS", [b.prospect.id]: "IN_PROGRESS", [out.id]: "NEW" });
    const entries = await audits(b.owner.ctx, "mention.triaged");
    expect(entries.map((e) => e.targetId).sort()).toEqual([b.paid.id, b.prospect.id].sort());
    expect(entries[0]!.actorId).toBe(b.marketer.user.id);
    // Asking again changes nothing and writes no audit entry.
    expect(await setTriageStatus(b.marketer.ctx, { mentionIds: [b.paid.id], status: "in_progress" })).toEqual({ changed: 0, skipped: 1 });
    expect(await audits(b.owner.ctx, "mention.triaged")).toHaveLength(2);
    const done = await listInbox(b.viewer.ctx, { filters: { status: "in_progress" } });
    expect(done.items.map((i) => i.id).sort()).toEqual([b.paid.id, b.prospect.id].sort());
  });

  it("a viewer may not triage, and one foreign id refuses the whole selection", async () => {
    const b = await brand();
    const other = await brand();
    await expect(setTriageStatus(b.viewer.ctx, { mentionIds: [b.paid.id], status: "done" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setTriageStatus(b.marketer.ctx, { mentionIds: [b.paid.id, other.paid.id], status: "done" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // cross-tenant: the test reads both brands at once.
    const rows = await unsafeCrossTenantDb().mention.findMany({
      where: { tenantId: { in: [b.owner.ctx.tenantId, other.owner.ctx.tenantId] } },
      select: { triage: true },
    });
    expect(rows.every((r) => r.triage === "NEW")).toBe(true);
  });
});

describe("disqualify from the inbox", () => {
  it("reverses the mention's points exactly once, however often it is asked, and audits once", async () => {
    const b = await brand();
    expect(await balance(b.owner.ctx, b.customer.id)).toBe(30);
    const first = await disqualifyMentions(b.marketer.ctx, { mentionIds: [b.paid.id], reason: "fake account" });
    expect(first).toEqual({ disqualified: 1, pointsTakenBack: 30 });
    await Promise.all([
      disqualifyMentions(b.marketer.ctx, { mentionIds: [b.paid.id], reason: "again" }),
      disqualifyMentions(b.owner.ctx, { mentionIds: [b.paid.id], reason: "and again" }),
    ]);
    const reversals = await getDb().ledgerEntry.findMany({ where: { tenantId: b.owner.ctx.tenantId, source: "REVERSAL" } });
    expect(reversals).toHaveLength(1);
    expect(reversals[0]!.amount).toBe(-30);
    expect(await balance(b.owner.ctx, b.customer.id)).toBe(0);
    expect(await audits(b.owner.ctx, "mention.disqualified")).toHaveLength(1);
    const row = (await listInbox(b.viewer.ctx, { filters: { status: "disqualified" } })).items;
    expect(row.map((i) => [i.id, i.points])).toEqual([[b.paid.id, { paid: 30, reversed: -30, net: 0 }]]);
    await assertLedgerInvariants(b.owner.ctx.tenantId);
  });

  it("a viewer may not disqualify; a foreign id is NOT_FOUND and reverses nothing anywhere", async () => {
    const b = await brand();
    const other = await brand();
    await expect(disqualifyMentions(b.viewer.ctx, { mentionIds: [b.paid.id], reason: "nope" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(disqualifyMentions(b.marketer.ctx, { mentionIds: [b.prospect.id, other.paid.id], reason: "nope" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const statuses = await unsafeCrossTenantDb().mention.findMany({
      where: { id: { in: [b.paid.id, b.prospect.id, other.paid.id] } },
      select: { status: true },
    });
    expect(statuses.some((s) => s.status === "DISQUALIFIED")).toBe(false);
    expect(await balance(other.owner.ctx, other.customer.id)).toBe(30);
  });
});

describe("assignment and notes", () => {
  it("a marketer assigns to a member of the brand and unassigns; a member of another brand is NOT_FOUND", async () => {
    const b = await brand();
    const other = await brand();
    const adminMembership = await getDb().membership.findFirstOrThrow({ where: { tenantId: b.owner.ctx.tenantId, userId: b.admin.user.id } });
    const foreign = await getDb().membership.findFirstOrThrow({ where: { tenantId: other.owner.ctx.tenantId, userId: other.admin.user.id } });
    expect(await assignMention(b.marketer.ctx, { mentionId: b.prospect.id, assigneeId: adminMembership.id })).toEqual({ changed: true });
    const listed = await listInbox(b.viewer.ctx, { filters: {} });
    expect(listed.items.find((i) => i.id === b.prospect.id)?.assignee).toEqual({ id: adminMembership.id, name: "ADMIN user" });
    await expect(assignMention(b.marketer.ctx, { mentionId: b.prospect.id, assigneeId: foreign.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(assignMention(b.viewer.ctx, { mentionId: b.prospect.id, assigneeId: null })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await assignMention(b.marketer.ctx, { mentionId: b.prospect.id, assigneeId: null })).toEqual({ changed: true });
    const trail = await audits(b.owner.ctx, "mention.assigned");
    expect(trail.map((a) => a.data)).toEqual([
      { from: null, to: adminMembership.id },
      { from: adminMembership.id, to: null },
    ]);
    // A member who leaves no longer holds mentions.
    await assignMention(b.marketer.ctx, { mentionId: b.paid.id, assigneeId: adminMembership.id });
    await getDb().membership.deleteMany({ where: { tenantId: b.owner.ctx.tenantId, id: adminMembership.id } });
    expect((await getDb().mention.findFirstOrThrow({ where: { tenantId: b.owner.ctx.tenantId, id: b.paid.id } })).assigneeId).toBeNull();
  });

  it("notes are added by marketers, shown newest first with their author, audited; viewers and other brands may not", async () => {
    const b = await brand();
    const other = await brand();
    await addMentionNote(b.marketer.ctx, { mentionId: b.prospect.id, body: "Asked about delivery" });
    await addMentionNote(b.owner.ctx, { mentionId: b.prospect.id, body: "Answered by DM ‮RTL‬ 🍜" });
    await expect(addMentionNote(b.viewer.ctx, { mentionId: b.prospect.id, body: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(addMentionNote(b.marketer.ctx, { mentionId: other.prospect.id, body: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const item = (await listInbox(b.viewer.ctx, { filters: {} })).items.find((i) => i.id === b.prospect.id)!;
    expect(item.notes.map((n) => [n.body, n.author])).toEqual([
      ["Answered by DM ‮RTL‬ 🍜", "OWNER user"],
      ["Asked about delivery", "MARKETER user"],
    ]);
    expect(await audits(b.owner.ctx, "mention.noted")).toHaveLength(2);
    expect(await getDb().mentionNote.count({ where: { tenantId: other.owner.ctx.tenantId } })).toBe(0);
  });
});

describe("bonus award from a mention", () => {
  it("an admin awards a bonus once per form; it is an ADJUSTMENT entry on the mention, audited", async () => {
    const b = await brand();
    const input = { mentionId: b.paid.id, amount: 15, reason: "Great photo", idempotencyKey: "form-1" };
    const first = await awardMentionBonus(b.admin.ctx, input);
    const again = await awardMentionBonus(b.admin.ctx, input);
    expect(first.replayed).toBe(false);
    expect(again).toMatchObject({ replayed: true, entry: { id: first.entry.id }, balance: 45 });
    const entry = await getDb().ledgerEntry.findFirstOrThrow({ where: { tenantId: b.owner.ctx.tenantId, id: first.entry.id } });
    expect(entry).toMatchObject({ source: "ADJUSTMENT", amount: 15, mentionId: b.paid.id, customerId: b.customer.id, actorUserId: b.admin.user.id });
    expect(await balance(b.owner.ctx, b.customer.id)).toBe(45);
    expect(await audits(b.owner.ctx, "mention.bonus-awarded")).toHaveLength(1);
    // Disqualifying the mention later takes back what it earned, the bonus included, once each.
    expect(await disqualifyMentions(b.marketer.ctx, { mentionIds: [b.paid.id], reason: "bought followers" })).toEqual({ disqualified: 1, pointsTakenBack: 45 });
    expect(await balance(b.owner.ctx, b.customer.id)).toBe(0);
    await assertLedgerInvariants(b.owner.ctx.tenantId);
  });

  it("marketers and viewers may not award; a prospect's or another brand's mention is refused", async () => {
    const b = await brand();
    const other = await brand();
    const input = (mentionId: string) => ({ mentionId, amount: 5, reason: "nice", idempotencyKey: "k" });
    await expect(awardMentionBonus(b.marketer.ctx, input(b.paid.id))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(awardMentionBonus(b.viewer.ctx, input(b.paid.id))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(awardMentionBonus(b.admin.ctx, input(b.prospect.id))).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(awardMentionBonus(b.admin.ctx, input(other.paid.id))).rejects.toMatchObject({ code: "NOT_FOUND" });
    const adjustments = { tenantId: { in: [b.owner.ctx.tenantId, other.owner.ctx.tenantId] }, source: "ADJUSTMENT" as const };
    expect(await unsafeCrossTenantDb().ledgerEntry.count({ where: adjustments })).toBe(0);
  });
});
