import { assertCan, type TenantContext } from "../../../auth/tenant-context";
import { getDb } from "../../../db/client";
import { AppError } from "../../../errors";
import { writeAudit } from "../../audit/audit.service";
import { findEntryByKey, insertEntryRow } from "../../ledger/insert-entry";
import { assertLiveCustomer } from "../../ledger/ledger-customer";
import type { PostedLedgerEntry } from "../../ledger/ledger.types";
import { creditBalance, readBalance } from "../../ledger/point-balance";
import { ZAwardMentionBonus, type AwardMentionBonusInput } from "./inbox.schemas";

export interface MentionBonusResult {
  entry: PostedLedgerEntry;
  balance: number;
  /** This idempotency key had already awarded the bonus: nothing changed. */
  replayed: boolean;
}

/**
 * Staff award extra points for one mention (a great post, a question well answered): a manual
 * ADJUSTMENT entry with the reason, pointing at the mention, so the ledger explains it and a
 * later disqualification of the mention reverses it with the rest of what the mention earned.
 * Same permission as any manual adjustment (`ledger:adjust`). A prospect's mention has nobody
 * to pay: CONFLICT until the author is a customer.
 */
export async function awardMentionBonus(ctx: TenantContext, raw: AwardMentionBonusInput): Promise<MentionBonusResult> {
  assertCan(ctx, "ledger:adjust");
  const input = ZAwardMentionBonus.parse(raw);
  return getDb().$transaction(async (tx) => {
    const mention = await tx.mention.findFirst({
      where: { tenantId: ctx.tenantId, id: input.mentionId },
      select: { id: true, customerId: true, status: true, network: true },
    });
    if (!mention) throw AppError.notFound("mention");
    if (!mention.customerId) throw new AppError("CONFLICT", "this mention's author is not a customer yet: there is nobody to award");
    if (mention.status === "DISQUALIFIED" || mention.status === "DELETED") {
      throw new AppError("CONFLICT", "this mention is out (disqualified or deleted): it earns no bonus");
    }
    await assertLiveCustomer(tx, ctx, mention.customerId);
    // Namespaced per mention: a key can only ever replay a bonus of the same mention.
    const idempotencyKey = `mention-bonus:${mention.id}:${input.idempotencyKey}`;
    const entry = await insertEntryRow(tx, ctx, {
      customerId: mention.customerId,
      amount: input.amount,
      source: "ADJUSTMENT",
      mentionId: mention.id,
      idempotencyKey,
      actorUserId: ctx.actor.type === "USER" ? ctx.actor.id : null,
      explanation: { formula: `+${input.amount} bonus for a mention, set by staff`, note: input.reason },
    });
    if (!entry) {
      const existing = await findEntryByKey(tx, ctx, idempotencyKey);
      if (!existing || existing.amount !== input.amount) throw new AppError("CONFLICT", "this bonus form was already used for a different amount");
      const { id, customerId, amount } = existing;
      return { entry: { id, customerId, amount, idempotencyKey }, balance: await readBalance(tx, ctx, customerId), replayed: true };
    }
    const balance = await creditBalance(tx, ctx, mention.customerId, input.amount, input.amount);
    await writeAudit(tx, ctx, {
      action: "mention.bonus-awarded",
      targetType: "Mention",
      targetId: mention.id,
      data: { entryId: entry.id, customerId: mention.customerId, amount: input.amount, reason: input.reason },
    });
    return { entry, balance, replayed: false };
  });
}
