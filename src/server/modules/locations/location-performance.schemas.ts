import { z } from "zod";

export const LOCATION_PERIODS = [30, 90, 365] as const;
export type LocationPeriod = (typeof LOCATION_PERIODS)[number];

export const ZLocationPeriod = z.coerce
  .number()
  .refine((n): n is LocationPeriod => (LOCATION_PERIODS as readonly number[]).includes(n), "30, 90 or 365 days")
  .default(90);

export interface LocationFigures {
  checkins: number;
  mentions: number;
  /** Net points (reversals included) of ledger entries for this location's check-ins and mentions. */
  points: number;
  feedbackAnswers: number;
  /** % promoters − % detractors of the period's feedback answers; null without answers. */
  nps: number | null;
}

export interface LocationPerformanceRow extends LocationFigures {
  id: string;
  name: string;
  city: string | null;
}

export interface LocationWeek extends LocationFigures {
  /** Monday 00:00 UTC of the week. */
  weekStart: Date;
}
