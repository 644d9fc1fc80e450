// The inbox's segment filter: a mention is listed when its attributed customer is in the segment
// now (the segments module's own rules), across keyset pages and with the other filters; the
// arrivals poll, "all matching" and saved views use the same filter; a segment that is not the
// brand's (another brand's, or deleted) is refused, never dropped.
import { describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { AppError } from "../../../src/server/errors";
import { countInboxArrivals } from "../../../src/server/modules/mentions/inbox/inbox-arrivals";
import { listInboxOptions } from "../../../src/server/modules/mentions/inbox/inbox-options";
import type { InboxFilters } from "../../../src/server/modules/mentions/inbox/inbox.schemas";
import { listInboxViews, saveInboxView } from "../../../src/server/modules/mentions/inbox/inbox-views";
import { listInbox } from "../../../src/server/modules/mentions/inbox/list-inbox";
import { setTriageForMatching } from "../../../src/server/modules/mentions/inbox/triage-matching";
import { createSegment, deleteSegment } from "../../../src/server/modules/segments/segment.service";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { minutesAgo, payMention, seedMention } from "./inbox-kit";

/** Every id the inbox lists for these filters, walking its keyset pages of `pageSize`. */
async function allPages(ctx: TenantContext, filters: InboxFilters, pageSize = 100): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = await listInbox(ctx, { filters, after, pageSize });
    ids.push(...page.items.map((item) => item.id));
    if (!page.nextCursor) return ids;
    after = page.nextCursor;
  }
  throw new Error("the inbox never reached its last page");
}

/** What the database says the filter means: mentions of the given customers, newest first. */
async function mentionsOf(ctx: TenantContext, customerIds: string[], extra: object = {}): Promise<string[]> {
  const rows = await getDb().mention.findMany({
    where: { tenantId: ctx.tenantId, customerId: { in: customerIds }, ...extra },
    orderBy: [{ postedAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

async function refusedAsUnknownSegment(promise: Promise<unknown>) {
  const error = await promise.then(() => null).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: "VALIDATION_FAILED", issues: [{ path: "segment", message: "no such segment in this brand" }] });
}

/** A brand with a LOYAL segment: two loyal customers, one plain customer and a prospect, each with mentions. */
async function brandWithSegment() {
  const owner = await createTenantWithMember("OWNER");
  const ctx = owner.ctx;
  const loyal = await makeCustomer(ctx, { lifecycleStage: "LOYAL" });
  const loyalToo = await makeCustomer(ctx, { lifecycleStage: "LOYAL" });
  const plain = await makeCustomer(ctx, { lifecycleStage: "CUSTOMER" });
  const segment = await createSegment(ctx, { name: "Loyal fans", filter: { lifecycleStages: ["LOYAL"] } });
  let minutes = 200;
  const seeded: { id: string; customerId: string | null }[] = [];
  for (const customerId of [loyal.id, plain.id, loyalToo.id, null, loyal.id, plain.id, loyalToo.id, loyal.id]) {
    const sentiment = seeded.length % 2 === 0 ? "PROMOTER" : "DETRACTOR";
    seeded.push(await seedMention(ctx, { customerId, postedAt: minutesAgo((minutes -= 10)), sentiment }));
  }
  return { owner, ctx, loyal, loyalToo, plain, segment, seeded };
}

describe("the inbox's segment filter", () => {
  it("lists exactly the mentions of the segment's members, newest first, and follows who is in it now", async () => {
    const { ctx, loyal, loyalToo, plain, segment } = await brandWithSegment();
    const members = await mentionsOf(ctx, [loyal.id, loyalToo.id]);
    expect(members).toHaveLength(5);
    expect(await allPages(ctx, { segment: segment.id })).toEqual(members);
    // The plain customer's and the prospect's mentions are not listed.
    const listed = new Set(await allPages(ctx, { segment: segment.id }));
    for (const id of await mentionsOf(ctx, [plain.id])) expect(listed.has(id)).toBe(false);

    // Membership is read at query time: the plain customer becomes loyal, and their mentions are in.
    await getDb().customer.updateMany({ where: { tenantId: ctx.tenantId, id: plain.id }, data: { lifecycleStage: "LOYAL" } });
    expect(await allPages(ctx, { segment: segment.id })).toEqual(await mentionsOf(ctx, [loyal.id, loyalToo.id, plain.id]));
    // An erased customer is in no segment.
    await getDb().customer.updateMany({ where: { tenantId: ctx.tenantId, id: loyalToo.id }, data: { erasedAt: new Date() } });
    expect(await allPages(ctx, { segment: segment.id })).toEqual(await mentionsOf(ctx, [loyal.id, plain.id]));
  });

  it("combines with another filter and holds across keyset pages (no row skipped or repeated)", async () => {
    const { ctx, loyal, loyalToo, segment } = await brandWithSegment();
    const expected = await mentionsOf(ctx, [loyal.id, loyalToo.id], { sentimentLabel: "PROMOTER" });
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(await allPages(ctx, { segment: segment.id, sentiment: "PROMOTER" }, 1)).toEqual(expected);
    expect(await allPages(ctx, { segment: segment.id, sentiment: "PROMOTER" }, 2)).toEqual(expected);
    const first = await listInbox(ctx, { filters: { segment: segment.id, sentiment: "PROMOTER" }, pageSize: 2 });
    expect(first.items.map((i) => i.id)).toEqual(expected.slice(0, 2));
    expect(first.nextCursor).not.toBeNull();
  });

  it("reads balances the segment's conditions need (a points threshold)", async () => {
    const { ctx, seeded } = await brandWithSegment();
    const rich = seeded[0]!;
    await payMention(ctx, rich, 40);
    const segment = await createSegment(ctx, { name: "Forty points", filter: { minPoints: 40 } });
    expect(await allPages(ctx, { segment: segment.id })).toEqual(await mentionsOf(ctx, [rich.customerId!]));
  });

  it("refuses another brand's segment and a deleted one, in the list, the arrivals poll and all matching, changing nothing", async () => {
    const { ctx, segment } = await brandWithSegment();
    const other = await brandWithSegment();
    const since = new Date().toISOString();
    await refusedAsUnknownSegment(listInbox(other.ctx, { filters: { segment: segment.id } }));
    await refusedAsUnknownSegment(countInboxArrivals(other.ctx, { since, segment: segment.id }));
    await refusedAsUnknownSegment(setTriageForMatching(other.ctx, { filters: { segment: segment.id }, status: "done" }));
    expect(await getDb().mention.count({ where: { tenantId: other.ctx.tenantId, triage: "DONE" } })).toBe(0);
    expect(await getDb().mention.count({ where: { tenantId: ctx.tenantId, triage: "DONE" } })).toBe(0);
    // Only the brand's own segments are offered in the filter.
    expect((await listInboxOptions(other.ctx)).segments).toEqual([{ value: other.segment.id, label: "Loyal fans" }]);

    await deleteSegment(ctx, segment.id);
    await refusedAsUnknownSegment(listInbox(ctx, { filters: { segment: segment.id } }));
  });

  it("moves all matching mentions of the segment, counts arrivals of its members, and survives a saved view", async () => {
    const { ctx, loyal, loyalToo, plain, segment } = await brandWithSegment();
    const members = await mentionsOf(ctx, [loyal.id, loyalToo.id]);
    expect(await setTriageForMatching(ctx, { filters: { segment: segment.id }, status: "in_progress" })).toEqual({ changed: members.length });
    const moved = await getDb().mention.findMany({
      where: { tenantId: ctx.tenantId, triage: "IN_PROGRESS" },
      orderBy: [{ postedAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(moved.map((m) => m.id)).toEqual(members);

    const since = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5)); // createdAt keeps milliseconds: let the clock move past `since`
    await seedMention(ctx, { customerId: loyal.id });
    await seedMention(ctx, { customerId: plain.id });
    await seedMention(ctx, {});
    expect(await countInboxArrivals(ctx, { since, segment: segment.id })).toEqual({ newer: 1, capped: false });
    expect(await countInboxArrivals(ctx, { since })).toEqual({ newer: 3, capped: false });

    await saveInboxView(ctx, { name: "Loyal, positive", filters: { segment: segment.id, sentiment: "PROMOTER" } });
    const [view] = await listInboxViews(ctx);
    expect(view?.filters).toEqual({ segment: segment.id, sentiment: "PROMOTER" });
    expect(await allPages(ctx, view!.filters)).toEqual(await mentionsOf(ctx, [loyal.id, loyalToo.id], { sentimentLabel: "PROMOTER" }));
  });
});
