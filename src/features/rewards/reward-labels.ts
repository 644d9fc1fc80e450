import type { BadgeTone } from "@/components/badge";
import type { RedemptionStatus, RewardDto, RewardFulfilment, RewardListItem } from "@/server/modules/rewards/reward.schemas";
import { formatUtc } from "../campaigns/campaign-labels";

export const FULFILMENT_LABELS: Record<RewardFulfilment, string> = {
  MANUAL: "Handed over by staff",
  GENERATED_CODE: "Generated code",
  CODE_POOL: "Code from an uploaded pool",
};

export const REDEMPTION_STATUS_LABELS: Record<RedemptionStatus, string> = { PENDING: "Pending", FULFILLED: "Fulfilled", CANCELLED: "Cancelled" };
export const REDEMPTION_STATUS_TONES: Record<RedemptionStatus, BadgeTone> = { PENDING: "warning", FULFILLED: "success", CANCELLED: "neutral" };

export function formatPoints(n: number): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? "point" : "points"}`;
}

export function describeStock(reward: Pick<RewardListItem, "stock" | "fulfilment">): string {
  if (reward.stock === null) return "Unlimited";
  if (reward.fulfilment === "CODE_POOL") return `${reward.stock.toLocaleString("en-US")} codes left`;
  return `${reward.stock.toLocaleString("en-US")} left`;
}

export function describeWindow(reward: Pick<RewardDto, "availableFrom" | "availableUntil">): string {
  const { availableFrom: from, availableUntil: until } = reward;
  if (from && until) return `${formatUtc(from)} – ${formatUtc(until)}`;
  if (from) return `From ${formatUtc(from)}`;
  if (until) return `Until ${formatUtc(until)}`;
  return "Always";
}

export type RewardState = "archived" | "paused" | "scheduled" | "ended" | "out-of-stock" | "available";

export function rewardState(reward: Pick<RewardDto, "archivedAt" | "active" | "availableFrom" | "availableUntil" | "stock">, now: Date): RewardState {
  if (reward.archivedAt) return "archived";
  if (!reward.active) return "paused";
  if (reward.availableFrom && now < new Date(reward.availableFrom)) return "scheduled";
  if (reward.availableUntil && now >= new Date(reward.availableUntil)) return "ended";
  if (reward.stock !== null && reward.stock <= 0) return "out-of-stock";
  return "available";
}

export const REWARD_STATE_LABELS: Record<RewardState, string> = {
  archived: "Archived",
  paused: "Paused",
  scheduled: "Scheduled",
  ended: "Ended",
  "out-of-stock": "Out of stock",
  available: "Available",
};
export const REWARD_STATE_TONES: Record<RewardState, BadgeTone> = {
  archived: "neutral",
  paused: "neutral",
  scheduled: "info",
  ended: "neutral",
  "out-of-stock": "danger",
  available: "success",
};
