// Issue 13 item 4, `tier.changed`: the tiers.track-changes job tells each customer's move between
// tiers once, as a webhook event written with the move. The first run records where everyone is
// and tells nothing; earning, a reversal, points leaving the rolling period and a changed ladder
// each move customers; a second run tells nothing again; another brand's endpoint hears nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { resetEnvCache } from "../../../src/server/env";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { reverseLedgerEntry } from "../../../src/server/modules/ledger/reverse-entry";
import { trackTierChanges } from "../../../src/server/modules/tiers/track-tier-changes";
import { createTier, updateTier } from "../../../src/server/modules/tiers/tier.service";
import { createWebhook } from "../../../src/server/modules/webhooks/webhooks.service";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { monthsAfter } from "./tiers-kit";

beforeEach(() => {
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "true";
  resetEnvCache();
});
afterEach(() => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
  resetEnvCache();
});

interface TierEvent {
  customerId: string;
  from: { name: string } | null;
  to: { name: string } | null;
  earnedInPeriod: number;
}

async function toldMoves(ctx: TenantContext, webhookId: string): Promise<[string, string | null, string | null, number][]> {
  const rows = await getDb().webhookDelivery.findMany({ where: { tenantId: ctx.tenantId, webhookId, event: "tier.changed" }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => {
    const data = (r.payload as unknown as { data: TierEvent }).data;
    return [data.customerId, data.from?.name ?? null, data.to?.name ?? null, data.earnedInPeriod];
  });
}

let key = 0;
const earn = (ctx: TenantContext, customerId: string, amount: number) =>
  adjustPoints(ctx, { customerId, amount, reason: "tier test", idempotencyKey: `tier-${++key}-${customerId}` });

describe("tier moves", () => {
  it("are told once each: earning, a reversal, points leaving the period; the first run and a repeat tell nothing", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const other = await createTenantWithMember("OWNER");
    await createTier(ctx, { name: "Bronze", threshold: 0 });
    const silver = await createTier(ctx, { name: "Silver", threshold: 100 });
    await createTier(ctx, { name: "Gold", threshold: 300 });
    const { webhook } = await createWebhook(ctx, { url: "http://127.0.0.1:9/hooks", events: ["tier.changed"] });
    const theirs = await createWebhook(other.ctx, { url: "http://127.0.0.1:9/hooks", events: ["tier.changed"] });
    // Cat never earns: looked at by the first (full) run only.
    const [ann, bob] = await Promise.all([makeCustomer(ctx), makeCustomer(ctx), makeCustomer(ctx)]);
    await earn(ctx, ann.id, 150);
    await earn(ctx, bob.id, 50);

    const first = await trackTierChanges(ctx);
    expect(first).toMatchObject({ full: true, moved: 0, looked: 3 });
    expect(await toldMoves(ctx, webhook.id)).toEqual([]);
    // Where everyone is, recorded: Ann in Silver; Bob and Cat in the base tier need no row.
    expect(await getDb().customerTier.findMany({ where: { tenantId: ctx.tenantId }, select: { customerId: true, tierId: true } })).toEqual([
      { customerId: ann.id, tierId: silver.id },
    ]);

    await earn(ctx, ann.id, 200);
    const bobMore = await earn(ctx, bob.id, 60);
    const second = await trackTierChanges(ctx);
    expect(second).toMatchObject({ full: false, looked: 2, moved: 2 });
    expect(await trackTierChanges(ctx)).toMatchObject({ moved: 0 });
    expect(await toldMoves(ctx, webhook.id)).toEqual(
      expect.arrayContaining([
        [ann.id, "Silver", "Gold", 350],
        [bob.id, "Bronze", "Silver", 110],
      ]),
    );

    // A reversal takes Bob back down.
    await getDb().$transaction((tx) => reverseLedgerEntry(tx, ctx, { entryId: bobMore.entry.id, reason: "post deleted" }));
    expect(await trackTierChanges(ctx)).toMatchObject({ moved: 1 });
    expect((await toldMoves(ctx, webhook.id)).at(-1)).toEqual([bob.id, "Silver", "Bronze", 50]);

    // A year and a day on, every point has left the 12-month period: Ann falls from Gold.
    const later = monthsAfter(new Date(Date.now() + 86_400_000), 12);
    expect(await trackTierChanges(ctx, later)).toMatchObject({ full: false, moved: 1 });
    expect((await toldMoves(ctx, webhook.id)).at(-1)).toEqual([ann.id, "Gold", "Bronze", 0]);
    expect(await getDb().webhookDelivery.count({ where: { tenantId: other.ctx.tenantId, webhookId: theirs.webhook.id } })).toBe(0);
  });

  it("a changed ladder looks at every customer and tells who moved", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    await createTier(ctx, { name: "Bronze", threshold: 0 });
    const silver = await createTier(ctx, { name: "Silver", threshold: 100 });
    const { webhook } = await createWebhook(ctx, { url: "http://127.0.0.1:9/hooks", events: ["tier.changed"] });
    const ann = await makeCustomer(ctx);
    await earn(ctx, ann.id, 80);
    await trackTierChanges(ctx);
    await updateTier(ctx, silver.id, { name: "Silver", threshold: 50 });
    expect(await trackTierChanges(ctx)).toMatchObject({ full: true, moved: 1 });
    expect(await toldMoves(ctx, webhook.id)).toEqual([[ann.id, "Bronze", "Silver", 80]]);
  });
});
