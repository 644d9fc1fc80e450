import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { writeAudit } from "../audit/audit.service";
import { parseCodeList } from "./code-list";
import { lockReward } from "./reward.service";
import { ZUploadCodes, type UploadCodesInput } from "./reward.schemas";

export interface CodeUploadSummary {
  added: number;
  /** Codes repeated inside this upload (one copy was added). */
  duplicatesInUpload: string[];
  /** Codes this brand already holds, in any reward's pool (none of them added again). */
  alreadyInPool: string[];
  blankLines: number[];
  invalid: { line: number; value: string; reason: string }[];
  /** The reward's stock after the upload: its unclaimed codes. */
  stock: number;
}

const MAX_CODES = 50_000;

/**
 * Adds codes to a CODE_POOL reward's pool from a CSV file or pasted lines. Everything the upload
 * held is accounted for in the summary; nothing is dropped silently. The reward row is locked, so
 * the stock (set to the count of unclaimed codes) cannot drift from a concurrent redemption.
 */
export async function uploadRewardCodes(ctx: TenantContext, raw: UploadCodesInput): Promise<CodeUploadSummary> {
  assertCan(ctx, "rewards:manage");
  const input = ZUploadCodes.parse(raw);
  const parsed = parseCodeList(input.text);
  if (parsed.codes.length > MAX_CODES) throw new AppError("BAD_REQUEST", `at most ${MAX_CODES.toLocaleString("en")} codes per upload`);
  return getDb().$transaction(async (tx) => {
    const reward = await lockReward(tx, ctx, input.rewardId);
    if (reward.fulfilment !== "CODE_POOL") throw new AppError("CONFLICT", "only a reward delivered from a code pool takes uploaded codes");
    if (reward.archivedAt) throw new AppError("CONFLICT", "an archived reward takes no more codes");
    const inserted = parsed.codes.length
      ? await tx.$queryRaw<{ code: string }[]>`
          INSERT INTO "RewardCode" ("tenantId", "rewardId", code)
          SELECT ${ctx.tenantId}, ${reward.id}, c FROM unnest(${parsed.codes}::text[]) AS c
          ON CONFLICT ("tenantId", code) DO NOTHING
          RETURNING code`
      : [];
    const added = new Set(inserted.map((r) => r.code));
    const stock = await tx.rewardCode.count({ where: { tenantId: ctx.tenantId, rewardId: reward.id, redemptionId: null, voidedAt: null } });
    await tx.reward.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: reward.id } }, data: { stock } });
    const summary: CodeUploadSummary = {
      added: added.size,
      duplicatesInUpload: parsed.duplicates,
      alreadyInPool: parsed.codes.filter((c) => !added.has(c)),
      blankLines: parsed.blankLines,
      invalid: parsed.invalid,
      stock,
    };
    await writeAudit(tx, ctx, {
      action: "reward.codes_uploaded",
      targetType: "Reward",
      targetId: reward.id,
      // Counts only: the codes themselves are what customers redeem, so they stay out of the audit log.
      data: {
        added: summary.added,
        duplicates: summary.duplicatesInUpload.length,
        alreadyInPool: summary.alreadyInPool.length,
        blank: summary.blankLines.length,
        invalid: summary.invalid.length,
        stock,
      },
    });
    return summary;
  });
}
