// Per-location figures (check-ins, mentions, NPS from feedback, points) against a recount done
// with plain queries, the weekly trend adding up to the period, and tenant isolation.
import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { AppError } from "../../../src/server/errors";
import { createLocation } from "../../../src/server/modules/listening/location.service";
import { getLocationPerformance, listLocationPerformance } from "../../../src/server/modules/locations/location-performance";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { payMention, seedMention } from "../inbox/inbox-kit";

const DAY = 24 * 3600 * 1000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

async function answer(ctx: TenantContext, customerId: string, locationId: string, score: number, createdAt: Date) {
  const npsClass = score >= 9 ? "PROMOTER" : score >= 7 ? "PASSIVE" : "DETRACTOR";
  await getDb().feedbackResponse.create({ data: { tenantId: ctx.tenantId, customerId, locationId, score, npsClass, createdAt } });
}

/** The same figures, counted row by row. */
async function recount(ctx: TenantContext, locationId: string, days: number) {
  const since = daysAgo(days);
  const live = { tenantId: ctx.tenantId, locationId, postedAt: { gte: since }, status: { notIn: ["DELETED" as const, "DISQUALIFIED" as const] } };
  const checkins = await getDb().mention.count({ where: { ...live, network: "FOURSQUARE" } });
  const mentions = await getDb().mention.count({ where: { ...live, network: "TWITTER" } });
  const atLocation = await getDb().mention.findMany({ where: { tenantId: ctx.tenantId, locationId }, select: { id: true } });
  const entries = await getDb().ledgerEntry.findMany({
    where: { tenantId: ctx.tenantId, mentionId: { in: atLocation.map((m) => m.id) }, createdAt: { gte: since } },
  });
  const answers = await getDb().feedbackResponse.findMany({ where: { tenantId: ctx.tenantId, locationId, createdAt: { gte: since } } });
  const share = (cls: string) => answers.filter((a) => a.npsClass === cls).length;
  return {
    checkins,
    mentions,
    points: entries.reduce((s, e) => s + e.amount, 0),
    feedbackAnswers: answers.length,
    nps: answers.length ? Math.round(((share("PROMOTER") - share("DETRACTOR")) / answers.length) * 100) : null,
  };
}

async function world() {
  const owner = await createTenantWithMember("OWNER");
  const { ctx } = owner;
  const store = await createLocation(ctx, { name: "Main street store", foursquareVenueId: randomBytes(12).toString("hex") });
  const other = await createLocation(ctx, { name: "Airport kiosk" });
  const customer = await makeCustomer(ctx);
  for (const [days, network] of [
    [1, "FOURSQUARE"],
    [3, "FOURSQUARE"],
    [40, "FOURSQUARE"],
    [200, "FOURSQUARE"],
    [2, "TWITTER"],
    [100, "TWITTER"],
  ] as const) {
    const m = await seedMention(ctx, { network, customerId: customer.id, locationId: store.id, postedAt: daysAgo(days) });
    await payMention(ctx, m, 10 + days);
  }
  await seedMention(ctx, { network: "FOURSQUARE", customerId: customer.id, locationId: store.id, status: "DISQUALIFIED" });
  await seedMention(ctx, { network: "TWITTER", customerId: customer.id, locationId: other.id });
  await answer(ctx, customer.id, store.id, 10, daysAgo(1));
  await answer(ctx, customer.id, store.id, 9, daysAgo(5));
  await answer(ctx, customer.id, store.id, 3, daysAgo(10));
  await answer(ctx, customer.id, store.id, 8, daysAgo(60));
  return { ...owner, store, other };
}

describe("location performance", () => {
  it("matches a recount for every period", async () => {
    const { ctx, store, other } = await world();
    for (const days of [30, 90, 365] as const) {
      const rows = await listLocationPerformance(ctx, days);
      expect(rows.map((r) => r.name)).toEqual(["Airport kiosk", "Main street store"]);
      const row = rows.find((r) => r.id === store.id)!;
      expect(row).toMatchObject(await recount(ctx, store.id, days));
      expect(rows.find((r) => r.id === other.id)).toMatchObject(await recount(ctx, other.id, days));
    }
    const month = (await listLocationPerformance(ctx, 30)).find((r) => r.id === store.id)!;
    expect(month).toMatchObject({ checkins: 2, mentions: 1, feedbackAnswers: 3, nps: 33 });
  });

  it("gives weekly figures that add up to the period's", async () => {
    const { ctx, store } = await world();
    const detail = await getLocationPerformance(ctx, store.id, 365);
    expect(detail.total).toMatchObject(await recount(ctx, store.id, 365));
    expect(detail.weeks.length).toBeGreaterThanOrEqual(52);
    expect(detail.weeks.reduce((s, w) => s + w.checkins, 0)).toBe(detail.total.checkins);
    expect(detail.weeks.reduce((s, w) => s + w.points, 0)).toBe(detail.total.points);
    const weekStarts = detail.weeks.map((w) => w.weekStart.getTime());
    expect(weekStarts).toEqual([...weekStarts].sort((x, y) => x - y));
  });

  it("keeps each tenant to its own locations", async () => {
    const a = await createTenantWithMember("OWNER");
    const b = await world();
    expect(await listLocationPerformance(a.ctx, 90)).toEqual([]);
    const error = await getLocationPerformance(a.ctx, b.store.id, 90).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("NOT_FOUND");
  });
});
