import type { TenantScope } from "../../auth/tenant-context";
import { Prisma } from "../../db/generated/client";
import type { SqlRunner } from "../../db/raw-sql";
import type { RedemptionRow } from "./reward.mapper";

// The two statements of a redemption (redeem-core.ts says why in this order). A redemption used
// to be fourteen round trips; on two cores the request's cost was mostly the trips, so what can be
// one statement is.

export interface RedeemableReward {
  id: string;
  name: string;
  cost: number;
  fulfilment: "CODE_POOL" | "GENERATED_CODE" | "MANUAL";
  perCustomerLimit: number | null;
  availableFrom: Date | null;
  availableUntil: Date | null;
  minimumTierId: string | null;
}

export interface LockedStart {
  /** The customer's balance, its row locked for the transaction (0 and no lock when they never had points). */
  balance: number;
  customerLive: boolean;
  /** The reward if it is active and not archived. */
  reward: RedeemableReward | null;
}

/**
 * Locks the customer's balance row, so two devices or two clicks of one customer queue here, and
 * reads what does not change under that lock: whether the customer is live, and the reward.
 */
export async function lockBalanceAndRead(run: SqlRunner, scope: TenantScope, customerId: string, rewardId: string): Promise<LockedStart> {
  const t = scope.tenantId;
  const [row] = await run<Omit<RedeemableReward, "id"> & { balance: number | null; customerLive: boolean; rewardId: string | null }>(Prisma.sql`
    SELECT b.balance,
           EXISTS (SELECT 1 FROM "Customer" c WHERE c."tenantId" = ${t} AND c.id = ${customerId} AND c."mergedIntoId" IS NULL AND c."erasedAt" IS NULL) AS "customerLive",
           r.id AS "rewardId", r.name, r.cost, r.fulfilment::text AS fulfilment, r."perCustomerLimit", r."availableFrom", r."availableUntil", r."minimumTierId"
    FROM (SELECT 1) AS one
    LEFT JOIN LATERAL (SELECT balance FROM "PointBalance" WHERE "tenantId" = ${t} AND "customerId" = ${customerId} FOR UPDATE) b ON true
    LEFT JOIN "Reward" r ON r."tenantId" = ${t} AND r.id = ${rewardId} AND r.active AND r."archivedAt" IS NULL`);
  const { balance, customerLive, rewardId: id, ...reward } = row!;
  return { balance: balance ?? 0, customerLive, reward: id ? { id, ...reward } : null };
}

export interface RedemptionWrite {
  customerId: string;
  reward: RedeemableReward;
  idempotencyKey: string;
  /** A generated code, or the pool code locked for this redemption. */
  code: string | null;
  poolCodeId: string | null;
  fulfilled: boolean;
  actorUserId: string | null;
  explanation: { formula: string };
}

export type WriteOutcome =
  | { kind: "replay"; previousId: string }
  | { kind: "over-limit"; held: number }
  | { kind: "code-taken" }
  | { kind: "out-of-stock" }
  /** Stock was taken but the debit found too few points: a bug under the held balance lock. */
  | { kind: "short" }
  | { kind: "written"; redemption: RedemptionRow; balance: number; ledgerEntryId: string };

type WriteRow = Omit<RedemptionRow, "id"> & {
  previousId: string | null;
  held: number;
  codeFree: boolean;
  stocked: boolean;
  id: string | null;
  balance: number | null;
  ledgerEntryId: string | null;
};

/**
 * Everything a redemption writes, in one statement run after the balance lock (so its snapshot
 * sees what a twin request committed before it), sent with its COMMIT (raw-sql.ts
 * runAndCommit), so nothing may be written that a later check would refuse. First the checks
 * that need that view (the idempotency key, the per-customer limit, the generated code's
 * freshness); then one off a limited stock (… WHERE stock > 0, where redeemers of one reward
 * queue on its row; an unlimited reward's row is only read); only then the balance debit, the
 * redemption, the pool code's claim, the ledger entry and the audit row, each written only when
 * the one before was. A failed insert aborts the statement and so the transaction.
 */
export function redemptionWrite(scope: TenantScope, w: RedemptionWrite): Prisma.Sql {
  const t = scope.tenantId;
  const status = w.fulfilled ? "FULFILLED" : "PENDING";
  const audit = JSON.stringify({ customerId: w.customerId, rewardId: w.reward.id, cost: w.reward.cost, fulfilment: w.reward.fulfilment });
  return Prisma.sql`
    WITH checks AS (
      SELECT (SELECT id FROM "Redemption" WHERE "tenantId" = ${t} AND "idempotencyKey" = ${w.idempotencyKey}) AS "previousId",
             (SELECT count(*)::int FROM "Redemption"
               WHERE "tenantId" = ${t} AND "customerId" = ${w.customerId} AND "rewardId" = ${w.reward.id} AND status <> 'CANCELLED') AS held,
             (${w.poolCodeId}::text IS NOT NULL OR ${w.code}::text IS NULL
               OR (NOT EXISTS (SELECT 1 FROM "Redemption" WHERE "tenantId" = ${t} AND code = ${w.code})
                   AND NOT EXISTS (SELECT 1 FROM "RewardCode" WHERE "tenantId" = ${t} AND code = ${w.code}))) AS "codeFree"
    ), go AS (
      SELECT 1 FROM checks WHERE "previousId" IS NULL AND "codeFree" AND (${w.reward.perCustomerLimit}::int IS NULL OR held < ${w.reward.perCustomerLimit}::int)
    ), stock AS (
      UPDATE "Reward" SET stock = stock - 1, "updatedAt" = now()
      WHERE "tenantId" = ${t} AND id = ${w.reward.id} AND active AND "archivedAt" IS NULL AND stock > 0 AND EXISTS (SELECT 1 FROM go)
      RETURNING 1
    ), stocked AS (
      SELECT 1 FROM go
      WHERE EXISTS (SELECT 1 FROM stock)
         OR EXISTS (SELECT 1 FROM "Reward" WHERE "tenantId" = ${t} AND id = ${w.reward.id} AND active AND "archivedAt" IS NULL AND stock IS NULL)
    ), debit AS (
      UPDATE "PointBalance" SET balance = balance - ${w.reward.cost}, "updatedAt" = now()
      WHERE "tenantId" = ${t} AND "customerId" = ${w.customerId} AND balance >= ${w.reward.cost} AND EXISTS (SELECT 1 FROM stocked)
      RETURNING balance
    ), red AS (
      INSERT INTO "Redemption" ("tenantId", "customerId", "rewardId", cost, "idempotencyKey", code, status, "fulfilledAt", "updatedAt")
      SELECT ${t}, ${w.customerId}, ${w.reward.id}, ${w.reward.cost}, ${w.idempotencyKey}, ${w.code},
             ${status}::"RedemptionStatus", CASE WHEN ${w.fulfilled} THEN now() END, now()
      FROM debit
      RETURNING id, "customerId", "rewardId", cost, status::text AS status, code, "fulfilledAt", "cancelledAt", "cancelReason", "createdAt"
    ), pool AS (
      UPDATE "RewardCode" SET "redemptionId" = red.id, "claimedAt" = now()
      FROM red
      WHERE "RewardCode"."tenantId" = ${t} AND "RewardCode".id = ${w.poolCodeId} AND "RewardCode"."redemptionId" IS NULL AND "RewardCode"."voidedAt" IS NULL
      RETURNING 1
    ), led AS (
      INSERT INTO "LedgerEntry" ("tenantId", "customerId", amount, source, "idempotencyKey", "redemptionId", "actorUserId", explanation)
      SELECT ${t}, ${w.customerId}, ${-w.reward.cost}, 'REDEMPTION'::"LedgerSource", 'redemption:' || red.id, red.id, ${w.actorUserId},
             ${JSON.stringify(w.explanation)}::jsonb
      FROM red
      RETURNING id
    ), aud AS (
      INSERT INTO "AuditLog" ("tenantId", "actorType", "actorId", action, "targetType", "targetId", data)
      SELECT ${t}, ${scope.actor.type}::"ActorType", ${scope.actor.id}, 'reward.redeemed', 'Redemption', red.id, ${audit}::jsonb
      FROM red
    )
    SELECT checks.*, EXISTS (SELECT 1 FROM stocked) AS stocked, red.*, (SELECT balance FROM debit) AS balance, (SELECT id FROM led) AS "ledgerEntryId"
    FROM checks LEFT JOIN red ON true`;
}

/** What the statement did, from its one row. */
export function writeOutcome(r: WriteRow, w: RedemptionWrite): WriteOutcome {
  if (r.previousId) return { kind: "replay", previousId: r.previousId };
  if (w.reward.perCustomerLimit !== null && r.held >= w.reward.perCustomerLimit) return { kind: "over-limit", held: r.held };
  if (!r.codeFree) return { kind: "code-taken" };
  if (!r.stocked) return { kind: "out-of-stock" };
  if (!r.id || r.balance === null || !r.ledgerEntryId) return { kind: "short" };
  const redemption: RedemptionRow = {
    id: r.id,
    customerId: r.customerId,
    rewardId: r.rewardId,
    cost: r.cost,
    status: r.status,
    code: r.code,
    fulfilledAt: r.fulfilledAt,
    cancelledAt: r.cancelledAt,
    cancelReason: r.cancelReason,
    createdAt: r.createdAt,
  };
  return { kind: "written", redemption, balance: r.balance, ledgerEntryId: r.ledgerEntryId };
}

export type { WriteRow };
