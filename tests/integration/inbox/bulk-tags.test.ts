// Bulk tagging: a tag put on or taken off a selection, or every mention the filters match (a
// bounded batch per run, the next run going on), normalised and audited like the per-mention
// action, never touching another brand's mentions.
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { AppError } from "../../../src/server/errors";
import { tagMatching, tagMentions } from "../../../src/server/modules/mentions/inbox/bulk-tag-mentions";
import { tagMention } from "../../../src/server/modules/mentions/inbox/triage-mentions";
import { createSegment } from "../../../src/server/modules/segments/segment.service";
import { addMember, createTenantWithMember, makeCustomer } from "../support/factories";
import { minutesAgo, seedMention } from "./inbox-kit";

/** The brand's tags as (mention, tag) pairs. */
async function tagsOf(ctx: TenantContext): Promise<[string, string][]> {
  const rows = await getDb().mentionTag.findMany({ where: { tenantId: ctx.tenantId }, orderBy: [{ mentionId: "asc" }, { tag: "asc" }] });
  return rows.map((r) => [r.mentionId, r.tag]);
}

async function tagAudits(ctx: TenantContext) {
  const rows = await getDb().auditLog.findMany({
    where: { tenantId: ctx.tenantId, action: { startsWith: "mention." } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { action: true, targetId: true, data: true, actorType: true, actorId: true },
  });
  return rows;
}

const byId = (ids: string[]) => [...ids].sort();

describe("tagging a selection", () => {
  it("adds a normalised tag to the mentions without it, removes it, and audits each mention that changed", async () => {
    const { ctx, user } = await createTenantWithMember("OWNER");
    const [a, b, c] = [await seedMention(ctx), await seedMention(ctx), await seedMention(ctx)];
    await tagMention(ctx, { mentionId: a.id, tag: "refund" });

    expect(await tagMentions(ctx, { mentionIds: [a.id, b.id, c.id, b.id], tag: "  Refund ", op: "add" })).toEqual({ changed: 2, unchanged: 1 });
    expect(await tagsOf(ctx)).toEqual(byId([a.id, b.id, c.id]).map((id) => [id, "refund"]));
    expect(await tagMentions(ctx, { mentionIds: [a.id, c.id], tag: "REFUND", op: "remove" })).toEqual({ changed: 2, unchanged: 0 });
    expect(await tagsOf(ctx)).toEqual([[b.id, "refund"]]);
    expect(await tagMentions(ctx, { mentionIds: [a.id], tag: "refund", op: "remove" })).toEqual({ changed: 0, unchanged: 1 });

    const audits = await tagAudits(ctx);
    expect(audits[0]).toEqual({ action: "mention.tagged", targetId: a.id, data: { tag: "refund" }, actorType: "USER", actorId: user.id });
    expect(audits.slice(1).map((e) => [e.action, e.data])).toEqual([
      ["mention.tagged", { tag: "refund", bulk: "selection" }],
      ["mention.tagged", { tag: "refund", bulk: "selection" }],
      ["mention.untagged", { tag: "refund", bulk: "selection" }],
      ["mention.untagged", { tag: "refund", bulk: "selection" }],
    ]);
    expect(byId(audits.slice(1, 3).map((e) => e.targetId!))).toEqual(byId([b.id, c.id]));
    expect(byId(audits.slice(3).map((e) => e.targetId!))).toEqual(byId([a.id, c.id]));
  });

  it("refuses a selection naming another brand's mention as a whole, a viewer, and a bad tag, changing nothing", async () => {
    const owner = await createTenantWithMember("OWNER");
    const other = await createTenantWithMember("OWNER");
    const viewer = await addMember(owner.ctx, "VIEWER");
    const mine = await seedMention(owner.ctx);
    const theirs = await seedMention(other.ctx);
    await tagMention(other.ctx, { mentionId: theirs.id, tag: "theirs" });

    const error = await tagMentions(owner.ctx, { mentionIds: [mine.id, theirs.id], tag: "planted", op: "add" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "NOT_FOUND" });
    await expect(tagMentions(owner.ctx, { mentionIds: [theirs.id], tag: "theirs", op: "remove" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(tagMentions(viewer.ctx, { mentionIds: [mine.id], tag: "ok", op: "add" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(tagMentions(owner.ctx, { mentionIds: [mine.id], tag: "<b>x</b>", op: "add" })).rejects.toBeInstanceOf(ZodError);
    await expect(tagMentions(owner.ctx, { mentionIds: Array(101).fill(mine.id), tag: "ok", op: "add" })).rejects.toBeInstanceOf(ZodError);

    expect(await tagsOf(owner.ctx)).toEqual([]);
    expect(await tagsOf(other.ctx)).toEqual([[theirs.id, "theirs"]]);
    expect(await tagAudits(owner.ctx)).toEqual([]);
  });
});

describe("tagging all matching mentions", () => {
  it("tags what the filters match, a bounded batch per run (newest first), goes on where it stopped, and leaves another brand alone", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const other = await createTenantWithMember("OWNER");
    const customer = await makeCustomer(ctx);
    const customers = [];
    for (let i = 0; i < 5; i++) customers.push(await seedMention(ctx, { customerId: customer.id, postedAt: minutesAgo(10 + i) }));
    const prospect = await seedMention(ctx, { postedAt: minutesAgo(1) });
    await seedMention(other.ctx, { postedAt: minutesAgo(1) });
    const filters = { author: "customer" as const };

    expect(await tagMatching(ctx, { filters, tag: "VIP", op: "add" }, { batch: 2 })).toEqual({ changed: 2, more: true });
    // Newest first: the two most recent customer mentions.
    expect(await tagsOf(ctx)).toEqual(byId(customers.slice(0, 2).map((m) => m.id)).map((id) => [id, "vip"]));
    expect(await tagMatching(ctx, { filters, tag: "vip", op: "add" }, { batch: 2 })).toEqual({ changed: 2, more: true });
    expect(await tagMatching(ctx, { filters, tag: "vip", op: "add" }, { batch: 2 })).toEqual({ changed: 1, more: false });
    expect(await tagMatching(ctx, { filters, tag: "vip", op: "add" }, { batch: 2 })).toEqual({ changed: 0, more: false });
    expect(await tagsOf(ctx)).toEqual(byId(customers.map((m) => m.id)).map((id) => [id, "vip"]));
    expect(await tagsOf(other.ctx)).toEqual([]);

    // One per-mention entry for each of the five, and one entry per run that changed something, naming the filters.
    const audits = await tagAudits(ctx);
    expect(audits.filter((e) => e.action === "mention.tagged").map((e) => e.data)).toEqual(Array(5).fill({ tag: "vip", bulk: "matching" }));
    expect(byId(audits.filter((e) => e.action === "mention.tagged").map((e) => e.targetId!))).toEqual(byId(customers.map((m) => m.id)));
    expect(audits.filter((e) => e.action === "mention.tagged_matching").map((e) => e.data)).toEqual([
      { tag: "vip", changed: 2, more: true, filters },
      { tag: "vip", changed: 2, more: true, filters },
      { tag: "vip", changed: 1, more: false, filters },
    ]);

    // Removing takes it off what matches, and only that.
    await tagMention(ctx, { mentionId: prospect.id, tag: "vip" });
    expect(await tagMatching(ctx, { filters, tag: "vip", op: "remove" })).toEqual({ changed: 5, more: false });
    expect(await tagsOf(ctx)).toEqual([[prospect.id, "vip"]]);
  });

  it("uses the segment filter exactly as the list does, and refuses another brand's segment without touching a row", async () => {
    const owner = await createTenantWithMember("OWNER");
    const other = await createTenantWithMember("OWNER");
    const ctx = owner.ctx;
    const loyal = await makeCustomer(ctx, { lifecycleStage: "LOYAL" });
    const plain = await makeCustomer(ctx);
    const segment = await createSegment(ctx, { name: "Loyal", filter: { lifecycleStages: ["LOYAL"] } });
    const inSegment = [await seedMention(ctx, { customerId: loyal.id }), await seedMention(ctx, { customerId: loyal.id })];
    await seedMention(ctx, { customerId: plain.id });
    await seedMention(ctx, {});
    await seedMention(other.ctx, {});

    expect(await tagMatching(ctx, { filters: { segment: segment.id }, tag: "loyal-fan", op: "add" })).toEqual({ changed: 2, more: false });
    expect(await tagsOf(ctx)).toEqual(byId(inSegment.map((m) => m.id)).map((id) => [id, "loyal-fan"]));

    const error = await tagMatching(other.ctx, { filters: { segment: segment.id }, tag: "planted", op: "add" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "VALIDATION_FAILED", issues: [{ path: "segment" }] });
    expect(await tagsOf(other.ctx)).toEqual([]);
    expect(await tagAudits(other.ctx)).toEqual([]);
  });
});
