import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb, type DbTx } from "../../db/client";
import { AppError } from "../../errors";
import { writeAudit } from "../audit/audit.service";
import { findEntryByKey, insertEntryRow } from "./insert-entry";
import { assertLiveCustomer } from "./ledger-customer";
import { formatPoints } from "./ledger-explanation";
import { ZAdjustPoints, type AdjustPointsInput } from "./ledger.schemas";
import type { PostedLedgerEntry } from "./ledger.types";
import { creditBalance, debitBalance, readBalance } from "./point-balance";

export interface AdjustmentResult {
  entry: PostedLedgerEntry;
  /** The customer's balance after the adjustment. */
  balance: number;
  /** True when this idempotency key had already been applied: nothing changed. */
  replayed: boolean;
}

/**
 * A staff member adds or removes points by hand, with a reason. The request's idempotency key
 * (e.g. generated when the form opens) makes a double submit a no-op. Removing more than the
 * balance holds is refused: a balance never goes below zero.
 */
export async function adjustPoints(ctx: TenantContext, raw: AdjustPointsInput): Promise<AdjustmentResult> {
  assertCan(ctx, "ledger:adjust");
  const input = ZAdjustPoints.parse(raw);
  return getDb().$transaction(async (tx) => {
    await assertLiveCustomer(tx, ctx, input.customerId);
    // Namespaced so a staff-chosen key can never collide with the keys scoring derives.
    const idempotencyKey = `adjustment:${input.idempotencyKey}`;
    const entry = await insertEntryRow(tx, ctx, {
      customerId: input.customerId,
      amount: input.amount,
      source: "ADJUSTMENT",
      idempotencyKey,
      actorUserId: ctx.actor.type === "USER" ? ctx.actor.id : null,
      explanation: { formula: `${input.amount > 0 ? "+" : ""}${input.amount} set by staff`, note: input.reason },
    });
    if (!entry) return replay(tx, ctx, idempotencyKey, input);

    let balance: number;
    if (input.amount > 0) {
      balance = await creditBalance(tx, ctx, input.customerId, input.amount, input.amount);
    } else {
      const after = await debitBalance(tx, ctx, input.customerId, -input.amount);
      if (after === null) {
        const current = await readBalance(tx, ctx, input.customerId);
        throw new AppError(
          "CONFLICT",
          `cannot remove ${formatPoints(input.amount)}: the customer has only ${formatPoints(current)} and a balance cannot go below zero`,
          { issues: [{ path: "amount", message: `at most ${current} can be removed` }] },
        );
      }
      balance = after;
    }
    await writeAudit(tx, ctx, {
      action: "ledger.adjusted",
      targetType: "Customer",
      targetId: input.customerId,
      data: { entryId: entry.id, amount: input.amount, reason: input.reason },
    });
    return { entry, balance, replayed: false };
  });
}

async function replay(tx: DbTx, ctx: TenantContext, idempotencyKey: string, input: { customerId: string; amount: number }): Promise<AdjustmentResult> {
  const existing = await findEntryByKey(tx, ctx, idempotencyKey);
  if (!existing || existing.customerId !== input.customerId || existing.amount !== input.amount) {
    throw new AppError("CONFLICT", "this idempotency key was already used for a different adjustment");
  }
  const { id, customerId, amount } = existing;
  return { entry: { id, customerId, amount, idempotencyKey }, balance: await readBalance(tx, ctx, customerId), replayed: true };
}
