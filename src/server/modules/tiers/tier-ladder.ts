import type { TierDto } from "./tier.schemas";

/**
 * Where an amount of earned points sits on a brand's ladder. Pure, so the arithmetic is unit
 * tested apart from the database. `tiers` may come in any order.
 */
export interface LadderPosition {
  tier: TierDto | null;
  nextTier: TierDto | null;
  pointsToNext: number | null;
  progress: number;
}

export function sortTiers(tiers: readonly TierDto[]): TierDto[] {
  return [...tiers].sort((a, b) => a.threshold - b.threshold);
}

export function placeOnLadder(tiers: readonly TierDto[], earned: number): LadderPosition {
  const ladder = sortTiers(tiers);
  let index = -1;
  for (let i = 0; i < ladder.length; i++) if (earned >= ladder[i]!.threshold) index = i;
  const tier = index >= 0 ? ladder[index]! : null;
  const nextTier = ladder[index + 1] ?? null;
  if (!nextTier) return { tier, nextTier: null, pointsToNext: null, progress: tier ? 1 : 0 };
  const from = tier?.threshold ?? 0;
  const span = nextTier.threshold - from;
  const progress = span > 0 ? Math.min(1, Math.max(0, (earned - from) / span)) : 1;
  return { tier, nextTier, pointsToNext: nextTier.threshold - earned, progress };
}

/**
 * `months` calendar months before `at`, in UTC, the day clamped to the shorter month (31 March
 * less one month is 28/29 February), as Postgres' `timestamp - interval 'n months'` does.
 */
export function monthsBefore(at: Date, months: number): Date {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth() - months;
  const target = new Date(Date.UTC(y, m, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      target.getUTCFullYear(),
      target.getUTCMonth(),
      Math.min(at.getUTCDate(), lastDay),
      at.getUTCHours(),
      at.getUTCMinutes(),
      at.getUTCSeconds(),
      at.getUTCMilliseconds(),
    ),
  );
}
