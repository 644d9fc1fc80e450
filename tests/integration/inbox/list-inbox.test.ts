// The inbox listing on real Postgres: keyset pages, each filter, full-text search and tenant
// isolation, against mentions written with the generated question and search columns.
import { describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { encodeInboxCursor, ZInboxFilters, type InboxFilters } from "../../../src/server/modules/mentions/inbox/inbox.schemas";
import { listInbox } from "../../../src/server/modules/mentions/inbox/list-inbox";
import { addMember, createTenantWithMember, makeCustomer } from "../support/factories";
import { minutesAgo, payMention, seedMention } from "./inbox-kit";

async function ids(ctx: TenantContext, filters: Partial<InboxFilters>) {
  const page = await listInbox(ctx, { filters: ZInboxFilters.parse(filters), pageSize: 100 });
  return page.items.map((i) => i.id);
}

/** A brand with one mention per interesting trait, each at a distinct time (newest first = m9 … m1). */
async function brandWithMentions() {
  const { ctx: owner } = await createTenantWithMember("OWNER");
  // Read as a viewer: the inbox needs only mentions:read.
  const { ctx } = await addMember(owner, "VIEWER");
  const db = getDb();
  const customer = await makeCustomer(owner);
  const source = await db.listeningSource.create({ data: { tenantId: ctx.tenantId, network: "TWITTER", kind: "KEYWORD", value: "tasti" } });
  const other = await db.listeningSource.create({ data: { tenantId: ctx.tenantId, network: "TWITTER", kind: "HASHTAG", value: "#tasti" } });
  const location = await db.location.create({ data: { tenantId: ctx.tenantId, name: "Harbour café" } });
  const campaign = await db.campaign.create({
    data: { tenantId: ctx.tenantId, name: "Spring", startsAt: minutesAgo(600), endsAt: new Date(Date.now() + 3_600_000), multiplier: 2 },
  });
  const m = {
    m1: await seedMention(ctx, {
      postedAt: minutesAgo(90),
      text: "Loved the ramen at Tasti",
      customerId: customer.id,
      sourceId: source.id,
      sentiment: "PROMOTER",
    }),
    m2: await seedMention(ctx, { postedAt: minutesAgo(80), text: "Does Tasti deliver to the harbour?", sourceId: source.id }),
    m3: await seedMention(ctx, { postedAt: minutesAgo(70), text: "Cold noodles again, never going back", customerId: customer.id, sentiment: "DETRACTOR" }),
    m4: await seedMention(ctx, { postedAt: minutesAgo(60), network: "FOURSQUARE", text: "Checked in", customerId: customer.id, locationId: location.id }),
    m5: await seedMention(ctx, { postedAt: minutesAgo(50), text: "how late are you open", triage: "IN_PROGRESS" }),
    m6: await seedMention(ctx, { postedAt: minutesAgo(40), text: "Spam spam spam", status: "DISQUALIFIED" }),
    m7: await seedMention(ctx, { postedAt: minutesAgo(30), text: "Great RAMEN bowls 🍜 at #tasti", customerId: customer.id, triage: "DONE" }),
    m8: await seedMention(ctx, { postedAt: new Date("2026-01-15T12:00:00Z"), text: "old post from January" }),
    m9: await seedMention(ctx, { postedAt: minutesAgo(10), text: "هل تفتحون يوم الجمعة؟", sentiment: "PASSIVE" }),
  };
  await db.mentionMatch.create({ data: { tenantId: ctx.tenantId, mentionId: m.m7.id, sourceId: other.id } });
  await payMention(ctx, m.m1, 20, campaign.id);
  await payMention(ctx, m.m3, 5);
  return { ctx, customer, source, other, location, campaign, m };
}

describe("listInbox", () => {
  it("lists every mention, customers' and prospects', newest post first, and pages by keyset without gaps or repeats", async () => {
    const { ctx, m } = await brandWithMentions();
    const all = [m.m9, m.m7, m.m6, m.m5, m.m4, m.m3, m.m2, m.m1, m.m8].map((x) => x.id);
    expect(await ids(ctx, {})).toEqual(all);

    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await listInbox(ctx, { filters: {}, pageSize: 2, after });
      seen.push(...page.items.map((i) => i.id));
      after = page.nextCursor ?? undefined;
      pages++;
    } while (after);
    expect(seen).toEqual(all);
    expect(pages).toBe(5);
  });

  it("pages correctly through mentions posted at the same instant (the id breaks the tie)", async () => {
    const { ctx } = await createTenantWithMember("VIEWER");
    const at = minutesAgo(5);
    const same = [];
    for (let i = 0; i < 5; i++) same.push((await seedMention(ctx, { postedAt: at })).id);
    const first = await listInbox(ctx, { filters: {}, pageSize: 3 });
    const second = await listInbox(ctx, { filters: {}, pageSize: 3, after: first.nextCursor! });
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual([...same].sort().reverse());
    expect(second.nextCursor).toBeNull();
  });

  it("applies each filter on its own", async () => {
    const { ctx, m, source, other, location, campaign } = await brandWithMentions();
    expect(await ids(ctx, { network: "FOURSQUARE" })).toEqual([m.m4.id]);
    expect(await ids(ctx, { source: source.id })).toEqual([m.m2.id, m.m1.id]);
    // A later match of another term counts under that term too.
    expect(await ids(ctx, { source: other.id })).toEqual([m.m7.id]);
    expect(await ids(ctx, { sentiment: "DETRACTOR" })).toEqual([m.m3.id]);
    expect(await ids(ctx, { sentiment: "UNLABELLED" })).toEqual([m.m7.id, m.m6.id, m.m5.id, m.m4.id, m.m2.id, m.m8.id]);
    expect(await ids(ctx, { author: "customer" })).toEqual([m.m7.id, m.m4.id, m.m3.id, m.m1.id]);
    expect(await ids(ctx, { author: "prospect" })).toEqual([m.m9.id, m.m6.id, m.m5.id, m.m2.id, m.m8.id]);
    expect(await ids(ctx, { location: location.id })).toEqual([m.m4.id]);
    expect(await ids(ctx, { campaign: campaign.id })).toEqual([m.m1.id]);
    expect(await ids(ctx, { status: "new" })).toEqual([m.m9.id, m.m4.id, m.m3.id, m.m2.id, m.m1.id, m.m8.id]);
    expect(await ids(ctx, { status: "in_progress" })).toEqual([m.m5.id]);
    expect(await ids(ctx, { status: "done" })).toEqual([m.m7.id]);
    expect(await ids(ctx, { status: "disqualified" })).toEqual([m.m6.id]);
    // '?' in Latin or Arabic form, or a question word first.
    expect(await ids(ctx, { question: "1" })).toEqual([m.m9.id, m.m5.id, m.m2.id]);
    expect(await ids(ctx, { from: "2026-01-15", to: "2026-01-15" })).toEqual([m.m8.id]);
    expect(await ids(ctx, { to: "2026-01-14" })).toEqual([]);
  });

  it("combines filters with AND and carries points, customer and location on each row", async () => {
    const { ctx, m, customer, campaign } = await brandWithMentions();
    expect(await ids(ctx, { author: "customer", sentiment: "PROMOTER", campaign: campaign.id, status: "new" })).toEqual([m.m1.id]);
    const page = await listInbox(ctx, { filters: { author: "customer", network: "TWITTER" }, pageSize: 10 });
    const row = page.items.find((i) => i.id === m.m1.id)!;
    expect(row.points).toEqual({ paid: 20, reversed: 0, net: 20 });
    expect(row.customer).toEqual({ id: customer.id, displayName: customer.displayName });
    expect(page.items.find((i) => i.id === m.m7.id)?.inboxStatus).toBe("done");
  });

  it("searches the text with websearch syntax: words in any case, quoted phrases, exclusions, any script", async () => {
    const { ctx, m } = await brandWithMentions();
    expect(await ids(ctx, { q: "ramen" })).toEqual([m.m7.id, m.m1.id]);
    expect(await ids(ctx, { q: "ramen -bowls" })).toEqual([m.m1.id]);
    expect(await ids(ctx, { q: '"cold noodles"' })).toEqual([m.m3.id]);
    expect(await ids(ctx, { q: "noodles cold" })).toEqual([m.m3.id]);
    expect(await ids(ctx, { q: "الجمعة" })).toEqual([m.m9.id]);
    expect(await ids(ctx, { q: "ramen", author: "customer", status: "done" })).toEqual([m.m7.id]);
    // Operators alone or odd punctuation never raise a syntax error.
    expect(await ids(ctx, { q: "\"'&|!():*" })).toEqual([]);
  });

  it("answers the same whether a term is rare (ids from the GIN index) or common (the newest-first walk)", async () => {
    const { ctx, m } = await brandWithMentions();
    for (const q of ["ramen", "ramen -bowls", "tasti", "zebra"]) {
      const rare = await listInbox(ctx, { filters: { q }, pageSize: 100 });
      const common = await listInbox(ctx, { filters: { q }, pageSize: 100 }, { searchPrefetch: 0 });
      expect(
        common.items.map((i) => i.id),
        q,
      ).toEqual(rare.items.map((i) => i.id));
    }
    // Paged with a cursor through the id-list path too.
    const first = await listInbox(ctx, { filters: { q: "ramen" }, pageSize: 1 });
    const second = await listInbox(ctx, { filters: { q: "ramen" }, pageSize: 1, after: first.nextCursor! });
    expect([first.items[0]?.id, second.items[0]?.id]).toEqual([m.m7.id, m.m1.id]);
    expect(second.nextCursor).toBeNull();
  });

  it("never shows another brand's mentions, whatever the filters name", async () => {
    const a = await brandWithMentions();
    const b = await brandWithMentions();
    const idsOfA = Object.values(a.m).map((x) => x.id);
    const seenByB = await ids(b.ctx, {});
    expect(seenByB).toHaveLength(9);
    expect(seenByB.filter((id) => idsOfA.includes(id))).toEqual([]);
    // B naming A's source, location or campaign finds nothing, and A's cursor gives B only B's rows.
    expect(await ids(b.ctx, { source: a.source.id })).toEqual([]);
    expect(await ids(b.ctx, { location: a.location.id })).toEqual([]);
    expect(await ids(b.ctx, { campaign: a.campaign.id })).toEqual([]);
    expect(await ids(b.ctx, { q: "ramen" })).toEqual([b.m.m7.id, b.m.m1.id]);
    const cursor = encodeInboxCursor(new Date().toISOString(), a.m.m9.id);
    const page = await listInbox(b.ctx, { filters: {}, after: cursor, pageSize: 100 });
    expect(page.items.every((i) => !idsOfA.includes(i.id))).toBe(true);
  });

  it("refuses a forged cursor and bad filter values", async () => {
    const { ctx } = await createTenantWithMember("VIEWER");
    await expect(listInbox(ctx, { filters: {}, after: "bm90LWEtY3Vyc29y" })).rejects.toThrow();
    expect(ZInboxFilters.safeParse({ network: "MYSPACE" }).success).toBe(false);
    expect(ZInboxFilters.safeParse({ from: "yesterday" }).success).toBe(false);
    expect(ZInboxFilters.parse({ network: "", status: "" })).toEqual({});
  });
});
