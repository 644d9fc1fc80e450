import { z } from "zod";
import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { REDEMPTION_STATUSES } from "../rewards/reward.schemas";
import { csvDownload, stamp, type CsvCell, type CsvDownload } from "./csv-stream";

const HEADER = [
  "Redemption id",
  "Date (UTC)",
  "Status",
  "Reward id",
  "Reward",
  "Cost",
  "Customer id",
  "Customer",
  "Code",
  "Fulfilled (UTC)",
  "Cancelled (UTC)",
  "Cancel reason",
];
const BATCH = 500;

export const ZRedemptionExportQuery = z.strictObject({
  status: z.preprocess((v) => (v === "" ? undefined : v), z.enum(REDEMPTION_STATUSES).optional()),
});
export type RedemptionExportQuery = z.input<typeof ZRedemptionExportQuery>;

/** Redemptions newest first (ids are time-ordered), a batch at a time. */
async function* redemptionRows(ctx: TenantContext, status: (typeof REDEMPTION_STATUSES)[number] | undefined): AsyncGenerator<CsvCell[][]> {
  let before: string | undefined;
  for (;;) {
    const rows = await getDb().redemption.findMany({
      where: { tenantId: ctx.tenantId, ...(status ? { status } : {}), ...(before ? { id: { lt: before } } : {}) },
      select: {
        id: true,
        createdAt: true,
        status: true,
        rewardId: true,
        cost: true,
        customerId: true,
        code: true,
        fulfilledAt: true,
        cancelledAt: true,
        cancelReason: true,
        reward: { select: { name: true } },
        customer: { select: { displayName: true } },
      },
      orderBy: { id: "desc" },
      take: BATCH,
    });
    yield rows.map((r) => [
      r.id,
      r.createdAt.toISOString(),
      r.status,
      r.rewardId,
      r.reward.name,
      r.cost,
      r.customerId,
      r.customer.displayName,
      r.code ?? "",
      r.fulfilledAt?.toISOString() ?? "",
      r.cancelledAt?.toISOString() ?? "",
      r.cancelReason ?? "",
    ]);
    if (rows.length < BATCH) return;
    before = rows.at(-1)!.id;
  }
}

/** Rewards → Redemptions as CSV, optionally of one status (the screen's filter). */
export async function exportRedemptionsCsv(ctx: TenantContext, rawQuery: RedemptionExportQuery): Promise<CsvDownload> {
  assertCan(ctx, "rewards:read");
  const { status } = ZRedemptionExportQuery.parse(rawQuery);
  return csvDownload(`${ctx.tenantSlug}-redemptions-${stamp()}.csv`, HEADER, redemptionRows(ctx, status));
}
