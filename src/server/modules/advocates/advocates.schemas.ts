import { z } from "zod";

/** The leaderboard's periods: days back from now, or all time. */
export const ADVOCATE_PERIODS = ["7d", "30d", "90d", "all"] as const;
export type AdvocatePeriod = (typeof ADVOCATE_PERIODS)[number];
export const PERIOD_DAYS: Record<AdvocatePeriod, number | null> = { "7d": 7, "30d": 30, "90d": 90, all: null };

/** What the leaderboard ranks by; score is the default (advocate-score.ts). */
export const ADVOCATE_MEASURES = ["score", "reach", "points", "positive", "nps"] as const;
export type AdvocateMeasure = (typeof ADVOCATE_MEASURES)[number];

export const ADVOCATES_PAGE_SIZE = 25;

export const ZAdvocateLeaderboardQuery = z.strictObject({
  period: z.enum(ADVOCATE_PERIODS).default("30d"),
  by: z.enum(ADVOCATE_MEASURES).default("score"),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(ADVOCATES_PAGE_SIZE),
});
export type AdvocateLeaderboardQuery = z.input<typeof ZAdvocateLeaderboardQuery>;

export interface AdvocateRow {
  rank: number;
  customerId: string;
  displayName: string;
  lifecycleStage: "PROSPECT" | "CUSTOMER" | "LOYAL" | "ADVOCATE";
  /** advocate-score.ts, over the period, one decimal. */
  score: number;
  /** Followers of the customer's linked accounts now (not per period). */
  reach: number;
  /** Points earned in the period (earned-in-period.ts). */
  points: number;
  /** Counted mentions in the period labelled positive (PROMOTER). */
  positiveMentions: number;
  npsClass: "PROMOTER" | "PASSIVE" | "DETRACTOR" | null;
}

export interface AdvocateLeaderboard {
  items: AdvocateRow[];
  total: number;
  page: number;
  pageSize: number;
  period: AdvocatePeriod;
  by: AdvocateMeasure;
}
