import { mediaUrl } from "../../storage/store-image";
import type { RedemptionDto, RewardDto } from "./reward.schemas";

export const REWARD_SELECT = {
  id: true,
  name: true,
  description: true,
  imageKey: true,
  cost: true,
  stock: true,
  perCustomerLimit: true,
  availableFrom: true,
  availableUntil: true,
  minimumTierId: true,
  fulfilment: true,
  active: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

export type RewardRow = {
  id: string;
  name: string;
  description: string | null;
  imageKey: string | null;
  cost: number;
  stock: number | null;
  perCustomerLimit: number | null;
  availableFrom: Date | null;
  availableUntil: Date | null;
  minimumTierId: string | null;
  fulfilment: RewardDto["fulfilment"];
  active: boolean;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toRewardDto(row: RewardRow): RewardDto {
  return {
    ...row,
    pictureUrl: row.imageKey ? mediaUrl(row.imageKey) : null,
    availableFrom: iso(row.availableFrom),
    availableUntil: iso(row.availableUntil),
    archivedAt: iso(row.archivedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const REDEMPTION_SELECT = {
  id: true,
  customerId: true,
  rewardId: true,
  cost: true,
  status: true,
  code: true,
  fulfilledAt: true,
  cancelledAt: true,
  cancelReason: true,
  createdAt: true,
} as const;

export type RedemptionRow = {
  id: string;
  customerId: string;
  rewardId: string;
  cost: number;
  status: RedemptionDto["status"];
  code: string | null;
  fulfilledAt: Date | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  createdAt: Date;
};

export function toRedemptionDto(row: RedemptionRow): RedemptionDto {
  return { ...row, fulfilledAt: iso(row.fulfilledAt), cancelledAt: iso(row.cancelledAt), createdAt: row.createdAt.toISOString() };
}

/** Whether a reward can be redeemed at `now` by its window (availableUntil is exclusive). */
export function windowState(reward: { availableFrom: Date | null; availableUntil: Date | null }, now: Date): "open" | "not-yet" | "ended" {
  if (reward.availableFrom && now < reward.availableFrom) return "not-yet";
  if (reward.availableUntil && now >= reward.availableUntil) return "ended";
  return "open";
}
