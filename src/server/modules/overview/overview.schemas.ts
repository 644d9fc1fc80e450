import { z } from "zod";

export const OVERVIEW_PRESETS = ["7", "30", "90"] as const;
/** A custom range longer than this is refused: the charts draw one point per day. */
export const MAX_CUSTOM_DAYS = 366;
const DAY_MS = 86_400_000;

const ZDay = z.iso.date("a day as YYYY-MM-DD");
const blankIsAbsent = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

/**
 * The overview's period as it stands in the URL: a preset (the last 7, 30 or 90 days, today
 * included) or `custom` with both days. Every value is a string there.
 */
export const ZOverviewPeriodParams = z
  .object({
    period: blankIsAbsent(z.enum([...OVERVIEW_PRESETS, "custom"])),
    from: blankIsAbsent(ZDay),
    to: blankIsAbsent(ZDay),
  })
  .superRefine((p, issue) => {
    if (p.period !== "custom") return;
    if (!p.from || !p.to) issue.addIssue({ code: "custom", path: ["from"], message: "a custom period needs both days" });
    else if (p.from > p.to) issue.addIssue({ code: "custom", path: ["to"], message: "the first day must not be after the last" });
    else if (daysBetween(p.from, p.to) > MAX_CUSTOM_DAYS) issue.addIssue({ code: "custom", path: ["to"], message: `at most ${MAX_CUSTOM_DAYS} days` });
  });
export type OverviewPeriodParams = z.input<typeof ZOverviewPeriodParams>;

/** A period resolved to days (UTC, both ends included) and the one of equal length just before it. */
export interface OverviewPeriod {
  preset: (typeof OVERVIEW_PRESETS)[number] | "custom";
  from: string;
  to: string;
  days: number;
  previous: { from: string; to: string };
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Resolves validated params against today (UTC); the default is the last 30 days. */
export function resolvePeriod(params: z.output<typeof ZOverviewPeriodParams>, today: Date = new Date()): OverviewPeriod {
  const todayDay = today.toISOString().slice(0, 10);
  if (params.period === "custom" && params.from && params.to) {
    const days = daysBetween(params.from, params.to);
    return { preset: "custom", from: params.from, to: params.to, days, previous: { from: addDays(params.from, -days), to: addDays(params.from, -1) } };
  }
  const preset = params.period && params.period !== "custom" ? params.period : "30";
  const days = Number(preset);
  const from = addDays(todayDay, -(days - 1));
  return { preset, from, to: todayDay, days, previous: { from: addDays(from, -days), to: addDays(from, -1) } };
}

/** Params from a page's search params: an invalid period falls back to the default, and says so. */
export function periodFromSearch(raw: Record<string, string | string[] | undefined>, today: Date = new Date()): { period: OverviewPeriod; invalid: boolean } {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const parsed = ZOverviewPeriodParams.safeParse({ period: first(raw.period), from: first(raw.from), to: first(raw.to) });
  return { period: resolvePeriod(parsed.success ? parsed.data : {}, today), invalid: !parsed.success };
}

export const NETWORK_KEYS = ["TWITTER", "FOURSQUARE"] as const;
export type OverviewNetwork = (typeof NETWORK_KEYS)[number];
export const SENTIMENT_KEYS = ["PROMOTER", "PASSIVE", "DETRACTOR", "NONE"] as const;
export type OverviewSentiment = (typeof SENTIMENT_KEYS)[number];

export interface Compared {
  current: number;
  previous: number;
}

export interface OverviewFigures {
  period: OverviewPeriod;
  mentions: Compared;
  /** One row per day of the period, every network present (zeros included). */
  mentionsByDay: Array<{ day: string } & Record<OverviewNetwork, number>>;
  mentionsByNetwork: Record<OverviewNetwork, Compared>;
  sentiment: Record<OverviewSentiment, Compared>;
  /** Listening terms with a mention in either period, most mentioned first. */
  terms: Array<{ sourceId: string; network: OverviewNetwork; kind: string; value: string; current: number; previous: number }>;
  /** Social accounts linked (one customer may link two). */
  links: Compared;
  /** Live customers whose first linked account falls in the period. */
  linkedCustomers: Compared;
  pointsAwarded: Compared;
  pointsRedeemed: Compared;
  /** What customers held at the end of each period (earned − redeemed − expired − reversed − other). */
  liability: Compared;
}

export interface OverviewTopAdvocate {
  customerId: string;
  name: string;
  points: number;
  mentions: number;
}

export interface OverviewTopPost {
  mentionId: string;
  network: OverviewNetwork;
  authorHandle: string;
  text: string;
  url: string | null;
  postedAt: string;
  points: number;
  customer: { id: string; name: string } | null;
}
