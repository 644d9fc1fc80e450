// GET /r/{slug}/api/leaderboard through its real guard (withCustomer): only the read of the portal
// cookie is replaced by the token of each test's customer session; the session itself is real.
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { Prisma } from "../../../src/server/db/generated/client";
import { syncLeaderboard } from "../../../src/server/modules/leaderboard/leaderboard-sync";
import { setLeaderboardPreferences } from "../../../src/server/modules/leaderboard/leaderboard.service";
import { startCustomerSession } from "../../../src/server/modules/portal/customer-sessions";
import { mentionAward, post } from "../ledger/ledger-test-kit";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { customerContext } from "../tiers/tiers-kit";

const cookie = vi.hoisted(() => ({ token: null as string | null }));
vi.mock("../../../src/server/http/portal-cookies", async (original) => ({
  ...(await original<typeof import("../../../src/server/http/portal-cookies")>()),
  readPortalSessionToken: async () => cookie.token,
}));

const route = await import("../../../src/app/r/[brand]/api/leaderboard/route");
const { getEnv } = await import("../../../src/server/env");

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(handler: Handler, slug: string, query = "", method = "GET") {
  const origin = new URL(getEnv().APP_URL).origin;
  const response = await handler(new NextRequest(`${origin}/r/${slug}/api/leaderboard${query}`, { method, headers: { origin } }), {
    params: Promise.resolve({ brand: slug }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as Record<string, any>) : null }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function signIn(ctx: TenantContext, customerId: string) {
  cookie.token = (await getDb().$transaction((tx) => startCustomerSession(tx, ctx, customerId, new Date()))).token;
}

/** Points earned per customer straight from the ledger (earning entries less their reversals), for the customers the board may show. */
async function ledgerStandings(ctx: TenantContext): Promise<Map<string, number>> {
  const rows = await getDb().$queryRaw<{ customerId: string; points: number }[]>(Prisma.sql`
    SELECT e."customerId", sum(e.amount + coalesce(r.amount, 0))::int AS points
    FROM "LedgerEntry" e
    JOIN "Customer" c ON c."tenantId" = ${ctx.tenantId} AND c.id = e."customerId" AND NOT c."leaderboardOptOut"
    LEFT JOIN "LedgerEntry" r ON r."tenantId" = ${ctx.tenantId} AND r."reversesId" = e.id
    WHERE e."tenantId" = ${ctx.tenantId} AND e.amount > 0 GROUP BY e."customerId"`);
  return new Map(rows.map((r) => [r.customerId, r.points]));
}

async function brandWithBoard(points: number[]) {
  const { ctx } = await createTenantWithMember();
  const customers = [];
  for (const [i, p] of points.entries()) {
    const customer = await makeCustomer(ctx);
    await post(ctx, [mentionAward(customer.id, `route-${customer.id}-${i}`, p)]);
    customers.push(customer);
  }
  return { ctx, customers };
}

beforeEach(() => {
  cookie.token = null;
});

describe("GET /r/{slug}/api/leaderboard", () => {
  it("answers the signed-in customer the ordered board and their own rank, as the ledger has them, never cacheable by a shared cache", async () => {
    const { ctx, customers } = await brandWithBoard([40, 250, 90, 90, 10]);
    await setLeaderboardPreferences(customerContext(ctx, customers[1]!.id), { displayName: "Zoë O'Fan" });
    await syncLeaderboard(ctx);
    const me = customers[2]!;
    await signIn(ctx, me.id);

    const all = await call(route.GET, ctx.tenantSlug, "?period=all");
    expect(all.status).toBe(200);
    expect(all.headers.get("cache-control")).toBe("private, no-store");
    expect(all.headers.get("vary")).toMatch(/cookie/i);
    expect(all.json!.top.rows).toEqual([
      { rank: 1, displayName: "Zoë O'Fan", points: 250, you: false },
      { rank: 2, displayName: null, points: 90, you: true },
      { rank: 2, displayName: null, points: 90, you: false },
      { rank: 4, displayName: null, points: 40, you: false },
      { rank: 5, displayName: null, points: 10, you: false },
    ]);
    const ledger = await ledgerStandings(ctx);
    const ahead = [...ledger.values()].filter((p) => p > ledger.get(me.id)!).length;
    expect(all.json!.me).toEqual({ period: "all", rank: ahead + 1, points: ledger.get(me.id), optedOut: false, of: ledger.size });
    expect(all.json!.top.rows.map((r: { points: number }) => r.points)).toEqual([...ledger.values()].sort((a, b) => b - a));

    // The default board is this month's; everything was earned now, so it agrees.
    const month = await call(route.GET, ctx.tenantSlug);
    expect(month.json!.top).toMatchObject({ period: "month", month: new Date().toISOString().slice(0, 7) });
    expect(month.json!.me).toMatchObject({ period: "month", rank: 2, points: 90 });
  });

  it("leaves an opted-out customer off the board and tells them so", async () => {
    const { ctx, customers } = await brandWithBoard([500, 300, 100]);
    await syncLeaderboard(ctx);
    const leaver = customers[0]!;
    await setLeaderboardPreferences(customerContext(ctx, leaver.id), { displayName: "Gone Girl", optOut: true });
    await signIn(ctx, customers[2]!.id);
    const seen = await call(route.GET, ctx.tenantSlug, "?period=all");
    expect(seen.json!.top.rows.map((r: { points: number }) => r.points)).toEqual([300, 100]);
    expect(JSON.stringify(seen.json)).not.toContain("Gone Girl");
    expect(seen.json!.me).toMatchObject({ rank: 2, of: 2 });

    await signIn(ctx, leaver.id);
    const own = await call(route.GET, ctx.tenantSlug, "?period=all");
    expect(own.json!.me).toEqual({ period: "all", rank: null, points: 0, optedOut: true, of: 2 });
    expect(own.json!.top.rows.some((r: { you: boolean }) => r.you)).toBe(false);
    // A sync recomputes from the ledger and keeps them off.
    await syncLeaderboard(ctx);
    expect((await call(route.GET, ctx.tenantSlug, "?period=all")).json!.top.rows).toHaveLength(2);
  });

  it("refuses another brand's customer, a signed-out visitor, a bad period and other methods with problem+json", async () => {
    const a = await brandWithBoard([70]);
    const b = await brandWithBoard([30]);
    await syncLeaderboard(a.ctx);

    const signedOut = await call(route.GET, a.ctx.tenantSlug);
    expect(signedOut.status).toBe(401);
    expect(signedOut.headers.get("content-type")).toBe("application/problem+json");

    // B's customer session, presented at A's portal: it names no session of A.
    await signIn(b.ctx, b.customers[0]!.id);
    const foreign = await call(route.GET, a.ctx.tenantSlug, "?period=all");
    expect(foreign.status).toBe(401);
    expect(JSON.stringify(foreign.json)).not.toContain("70");
    expect((await call(route.GET, "no-such-brand")).status).toBe(404);

    await signIn(a.ctx, a.customers[0]!.id);
    const bad = await call(route.GET, a.ctx.tenantSlug, "?period=week");
    expect([400, 422]).toContain(bad.status);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
    expect((await call(route.GET, a.ctx.tenantSlug, "?period=all&x=1")).status).toBeGreaterThanOrEqual(400);
    const post405 = await call(route.POST as unknown as Handler, a.ctx.tenantSlug, "", "POST");
    expect(post405.status).toBe(405);
    expect(post405.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });
});
