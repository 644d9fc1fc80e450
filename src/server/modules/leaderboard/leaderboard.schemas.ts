import { z } from "zod";

export const LEADERBOARD_PERIODS = ["month", "all"] as const;
export type LeaderboardPeriod = (typeof LEADERBOARD_PERIODS)[number];
export const ZLeaderboardPeriod = z.enum(LEADERBOARD_PERIODS, { message: "choose month or all" });

export const MAX_TOP = 100;
export const ZTopLimit = z.number().int().min(1).max(MAX_TOP);

/**
 * A leaderboard name is shown to every customer of the brand, so it is hostile input: normalised
 * (NFKC: full-width and compatibility look-alikes folded), letters, digits, spaces and . _ - '
 * only (no markup, no URLs, no invisible or bidirectional control characters that could disguise
 * it), 2 to 30 characters, single spaces. React escapes it wherever it is shown, too.
 */
const NAME_SHAPE = /^[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N} ._'-]*[\p{L}\p{M}\p{N}.])?$/u;

export const ZLeaderboardName = z
  .string({ message: "enter a name, or leave it empty" })
  .transform((s) => s.normalize("NFKC").trim().replace(/\s+/g, " "))
  .pipe(
    z
      .string()
      .min(2, "at least 2 characters")
      .max(30, "at most 30 characters")
      .regex(NAME_SHAPE, "letters, digits, spaces and . _ - ' only, starting with a letter or digit"),
  );

/** What a customer may change; an empty name clears it (shown without a name). */
export const ZLeaderboardPreferences = z
  .strictObject({
    displayName: z.union([z.literal("").transform(() => null), z.null(), ZLeaderboardName]).optional(),
    optOut: z.boolean({ message: "choose whether to appear" }).optional(),
  })
  .refine((v) => v.displayName !== undefined || v.optOut !== undefined, "nothing to update");
export type LeaderboardPreferencesInput = z.input<typeof ZLeaderboardPreferences>;

export const ZLeaderboardPreferencesDto = z.object({ displayName: z.string().nullable(), optOut: z.boolean() });
export type LeaderboardPreferencesDto = z.infer<typeof ZLeaderboardPreferencesDto>;

export const ZLeaderboardRow = z.object({
  /** Competition ranking: equal points share a rank (1, 2, 2, 4). */
  rank: z.number().int().min(1),
  /** The name the customer chose; null: they chose none (shown as an anonymous advocate). */
  displayName: z.string().nullable(),
  points: z.number().int(),
  /** This row is the signed-in customer reading the board. */
  you: z.boolean(),
});
export type LeaderboardRow = z.infer<typeof ZLeaderboardRow>;

export const ZLeaderboardTop = z.object({
  period: ZLeaderboardPeriod,
  /** "2026-12" for month; null for all time. */
  month: z.string().nullable(),
  rows: z.array(ZLeaderboardRow),
});
export type LeaderboardTop = z.infer<typeof ZLeaderboardTop>;

export const ZMyRank = z.object({
  period: ZLeaderboardPeriod,
  /** null: not on the board (opted out, or nothing earned in the period yet). */
  rank: z.number().int().min(1).nullable(),
  points: z.number().int(),
  optedOut: z.boolean(),
  /** Customers on the board. */
  of: z.number().int(),
});
export type MyRank = z.infer<typeof ZMyRank>;

/** The portal's query: which board. */
export const ZLeaderboardQuery = z.strictObject({ period: ZLeaderboardPeriod.default("month") });

/** A customer's view of a board: the top (up to 100) and where they stand. */
export const ZMyLeaderboard = z.object({ top: ZLeaderboardTop, me: ZMyRank });
export type MyLeaderboard = z.infer<typeof ZMyLeaderboard>;
