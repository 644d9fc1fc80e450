import type { RateLimitState } from "../../social/social-provider";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How often the scheduler looks for due mentions; the young tier is checked on every tick. */
export const DELETION_PASS_EVERY_MS = 10 * MINUTE;

/**
 * How often a mention is re-checked, by its age (time since capture). Most deletions come soon
 * after posting, so a young post is checked on every pass, then hourly to a day, then daily to
 * the end of the brand's period; the last check is at the period's end.
 */
export const DELETION_CHECK_TIERS: readonly { untilAgeMs: number; everyMs: number }[] = [
  { untilAgeMs: HOUR, everyMs: DELETION_PASS_EVERY_MS },
  { untilAgeMs: DAY, everyMs: HOUR },
  { untilAgeMs: Number.POSITIVE_INFINITY, everyMs: DAY },
];

/** The period a brand may choose, in days (how long after capture posts are still checked). */
export const DELETION_PERIOD_DAYS = { min: 1, max: 30, default: 7 } as const;

export function periodMs(days: number): number {
  return days * DAY;
}

/**
 * When a mention captured at `capturedAt` and checked at `checkedAt` is next due, or null when
 * that check was its last (at or after the end of the period).
 */
export function nextDeletionCheckAt(capturedAt: Date, checkedAt: Date, period: number): Date | null {
  const end = capturedAt.getTime() + period;
  if (checkedAt.getTime() >= end) return null;
  const age = checkedAt.getTime() - capturedAt.getTime();
  const tier = DELETION_CHECK_TIERS.find((t) => age < t.untilAgeMs)!;
  return new Date(Math.min(checkedAt.getTime() + tier.everyMs, end));
}

/**
 * How many times one mention is looked up over its period if every pass runs on time and the
 * first check comes at capture. For the figures (lookups per hour at a given volume).
 */
export function checksPerMention(period: number): number {
  const captured = new Date(0);
  let at: Date | null = captured;
  let checks = 0;
  while (at) {
    checks += 1;
    at = nextDeletionCheckAt(captured, at, period);
  }
  return checks;
}

/**
 * Lookups a pass may spend: `share` of what the network says is left of its window, so the rest
 * stays for other features and later passes of the same window. Unknown (never asked, or the
 * window has reset since) → null: the pass learns it from its first lookup.
 */
export function lookupBudget(rateLimit: RateLimitState | null, share: number, now: Date): number | null {
  if (!rateLimit || rateLimit.resetAt.getTime() <= now.getTime()) return null;
  return Math.max(0, Math.floor(rateLimit.remaining * share));
}
