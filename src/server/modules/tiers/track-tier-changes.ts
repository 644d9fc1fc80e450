import type { TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { emitWebhookEvents } from "../webhooks/webhook-events";
import { loadEarned, windowBetween } from "./earned-in-period";
import { monthsBefore, placeOnLadder } from "./tier-ladder";
import { loadTierPeriodMonths, loadTiers } from "./tier.service";
import type { TierDto } from "./tier.schemas";

/** Entries committed late (a transaction that began before the last run's read) are looked at again. */
const OVERLAP_MS = 5 * 60_000;
const BATCH = 1_000;

export interface TrackTierChangesResult {
  /** Customers whose tier was computed this run. */
  looked: number;
  /** Customers who moved (= tier.changed events written). */
  moved: number;
  /** True when every customer was looked at (first run, or the ladder changed). */
  full: boolean;
}

const ladderKeyOf = (periodMonths: number, tiers: readonly TierDto[]) => `${periodMonths}m:${tiers.map((t) => `${t.id}@${t.threshold}`).join(",")}`;

/**
 * Finds the customers whose tier moved since the last run and tells each move once: a
 * `CustomerTier` row changes and a `tier.changed` webhook event is written in the same
 * transaction. Only customers who can have moved are looked at: those with ledger entries since
 * the last run, and those with entries that left the rolling period since then. A first run, or a
 * changed ladder (thresholds, tiers, period), looks at every customer; the first run only records
 * where everyone is (no events: nobody moved). Idempotent: a second run finds nothing to tell.
 */
export async function trackTierChanges(ctx: TenantContext, now = new Date()): Promise<TrackTierChangesResult> {
  const db = getDb();
  const [tiers, periodMonths, state] = await Promise.all([
    loadTiers(db, ctx),
    loadTierPeriodMonths(db, ctx),
    db.tierTrackState.findUnique({ where: { tenantId: ctx.tenantId } }),
  ]);
  const ladderKey = ladderKeyOf(periodMonths, tiers);
  const full = !state || state.ladderKey !== ladderKey;
  const candidates = full ? await everyLiveCustomer(ctx) : await customersWhoMayHaveMoved(ctx, state.checkedAt, now, periodMonths);
  const window = windowBetween(monthsBefore(now, periodMonths), now);
  const baseTierId = placeOnLadder(tiers, 0).tier?.id ?? null;
  const names = new Map(tiers.map((t) => [t.id, t.name]));
  let moved = 0;
  for (let i = 0; i < candidates.length; i += BATCH) {
    const ids = candidates.slice(i, i + BATCH);
    moved += await db.$transaction(async (tx) => {
      const [earned, known] = await Promise.all([
        loadEarned(tx, ctx, ids, window),
        tx.customerTier.findMany({ where: { tenantId: ctx.tenantId, customerId: { in: ids } }, select: { customerId: true, tierId: true } }),
      ]);
      const before = new Map(known.map((k) => [k.customerId, k.tierId]));
      const moves = ids
        .map((customerId) => {
          const points = earned.get(customerId) ?? 0;
          const from = before.has(customerId) ? before.get(customerId)! : baseTierId;
          return { customerId, points, from, to: placeOnLadder(tiers, points).tier?.id ?? null };
        })
        .filter((m) => m.from !== m.to);
      for (const m of moves) {
        await tx.customerTier.upsert({
          where: { tenantId_customerId: { tenantId: ctx.tenantId, customerId: m.customerId } },
          create: { tenantId: ctx.tenantId, customerId: m.customerId, tierId: m.to, changedAt: now },
          update: { tierId: m.to, changedAt: now },
        });
      }
      // The first run only records where everyone is: nobody moved, nothing to tell.
      if (state) {
        await emitWebhookEvents(
          tx,
          ctx,
          "tier.changed",
          moves.map((m) => ({
            customerId: m.customerId,
            from: m.from ? { tierId: m.from, name: names.get(m.from) ?? null } : null,
            to: m.to ? { tierId: m.to, name: names.get(m.to) ?? null } : null,
            earnedInPeriod: m.points,
            periodMonths,
            changedAt: now.toISOString(),
          })),
        );
      }
      return state ? moves.length : 0;
    });
  }
  await db.tierTrackState.upsert({
    where: { tenantId: ctx.tenantId },
    create: { tenantId: ctx.tenantId, checkedAt: now, ladderKey },
    update: { checkedAt: now, ladderKey },
  });
  return { looked: candidates.length, moved, full };
}

async function everyLiveCustomer(ctx: TenantContext): Promise<string[]> {
  const rows = await getDb().customer.findMany({
    where: { tenantId: ctx.tenantId, erasedAt: null, mergedIntoId: null },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => r.id);
}

/** A ledger id bound at an instant: ids start with their creation time (megaphone_id), so the (tenantId, id) key serves a time range. */
const idAt = (at: Date) => `led_${Math.max(0, at.getTime()).toString(16).padStart(12, "0")}`;

/** Customers with an entry since the last run, or with one that left the period since then. */
async function customersWhoMayHaveMoved(ctx: TenantContext, checkedAt: Date, now: Date, periodMonths: number): Promise<string[]> {
  const since = new Date(checkedAt.getTime() - OVERLAP_MS);
  const leftFrom = monthsBefore(since, periodMonths);
  const leftTo = monthsBefore(now, periodMonths);
  const rows = await getDb().$queryRaw<{ customerId: string }[]>(Prisma.sql`
    SELECT DISTINCT e."customerId"
      FROM "LedgerEntry" e
      JOIN "Customer" c ON c."tenantId" = e."tenantId" AND c.id = e."customerId"
     WHERE e."tenantId" = ${ctx.tenantId} AND c."erasedAt" IS NULL AND c."mergedIntoId" IS NULL
       AND (e.id > ${idAt(since)} OR (e.id > ${idAt(leftFrom)} AND e.id <= ${idAt(leftTo)}))
     ORDER BY 1`);
  return rows.map((r) => r.customerId);
}
