import type { CustomerContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { mediaUrl } from "../../storage/store-image";
import { readBalance } from "../ledger/point-balance";
import { REDEMPTION_SELECT, toRedemptionDto, windowState } from "./reward.mapper";
import type { RedemptionDto } from "./reward.schemas";

export interface CatalogItem {
  id: string;
  name: string;
  description: string | null;
  imageKey: string | null;
  /** The picture's URL (alt text: the reward's name); null: none. */
  pictureUrl: string | null;
  cost: number;
  fulfilment: "CODE_POOL" | "GENERATED_CODE" | "MANUAL";
  /** null: unlimited. */
  stock: number | null;
  outOfStock: boolean;
  /** "open", or why it cannot be redeemed now by its dates. */
  availability: "open" | "not-yet" | "ended";
  availableFrom: string | null;
  availableUntil: string | null;
  affordable: boolean;
  /** 0 when affordable. */
  pointsNeeded: number;
  /** How many more this customer may redeem; null: no per-customer limit. */
  remainingForYou: number | null;
  /** Needs a tier (the tier check decides at redemption). */
  needsTier: boolean;
  /** Everything above allows it right now. */
  redeemable: boolean;
}

export interface CustomerCatalog {
  balance: number;
  items: CatalogItem[];
}

/** How far ahead a reward that has not opened yet is shown. */
const UPCOMING_DAYS = 30;

/**
 * The portal's catalogue for one customer: active rewards that are open now, opened in the next
 * 30 days, or just ended (so a customer sees why one is gone), cheapest first, each with what this
 * customer can do about it. Cheap-to-afford first helps "what am I close to".
 */
export async function listCatalogForCustomer(cctx: CustomerContext, now: Date = new Date()): Promise<CustomerCatalog> {
  const db = getDb();
  const horizon = new Date(now.getTime() + UPCOMING_DAYS * 86_400_000);
  const [balance, rewards, held] = await Promise.all([
    readBalance(db, cctx, cctx.customerId),
    db.reward.findMany({
      where: {
        tenantId: cctx.tenantId,
        active: true,
        archivedAt: null,
        OR: [{ availableFrom: null }, { availableFrom: { lte: horizon } }],
        AND: [{ OR: [{ availableUntil: null }, { availableUntil: { gt: new Date(now.getTime() - 7 * 86_400_000) } }] }],
      },
      select: {
        id: true,
        name: true,
        description: true,
        imageKey: true,
        cost: true,
        fulfilment: true,
        stock: true,
        perCustomerLimit: true,
        availableFrom: true,
        availableUntil: true,
        minimumTierId: true,
      },
      orderBy: [{ cost: "asc" }, { name: "asc" }],
    }),
    db.redemption.groupBy({
      by: ["rewardId"],
      where: { tenantId: cctx.tenantId, customerId: cctx.customerId, status: { not: "CANCELLED" } },
      _count: { _all: true },
    }),
  ]);
  const heldBy = new Map(held.map((h) => [h.rewardId, h._count._all]));
  const items = rewards.map((r): CatalogItem => {
    const availability = windowState(r, now);
    const outOfStock = r.stock !== null && r.stock <= 0;
    const remainingForYou = r.perCustomerLimit === null ? null : Math.max(0, r.perCustomerLimit - (heldBy.get(r.id) ?? 0));
    const pointsNeeded = Math.max(0, r.cost - balance);
    const needsTier = r.minimumTierId !== null;
    return {
      id: r.id,
      name: r.name,
      description: r.description,
      imageKey: r.imageKey,
      pictureUrl: r.imageKey ? mediaUrl(r.imageKey) : null,
      cost: r.cost,
      fulfilment: r.fulfilment,
      stock: r.stock,
      outOfStock,
      availability,
      availableFrom: r.availableFrom?.toISOString() ?? null,
      availableUntil: r.availableUntil?.toISOString() ?? null,
      affordable: pointsNeeded === 0,
      pointsNeeded,
      remainingForYou,
      needsTier,
      redeemable: availability === "open" && !outOfStock && pointsNeeded === 0 && remainingForYou !== 0 && !needsTier,
    };
  });
  return { balance, items };
}

export type MyRedemption = RedemptionDto & { rewardName: string };

/** The customer's own redemptions, newest first, with their codes. */
export async function listMyRedemptions(cctx: CustomerContext): Promise<MyRedemption[]> {
  const rows = await getDb().redemption.findMany({
    where: { tenantId: cctx.tenantId, customerId: cctx.customerId },
    select: { ...REDEMPTION_SELECT, reward: { select: { name: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
  });
  return rows.map(({ reward, ...row }) => ({ ...toRedemptionDto(row), rewardName: reward.name }));
}
