import type { LedgerSource } from "../../db/generated/enums";
import type { AwardExplanation } from "./ledger.types";

/** "1 point", "35 points" (sign dropped). */
export function formatPoints(n: number): string {
  const abs = Math.abs(n);
  return `${abs.toLocaleString("en-US")} ${abs === 1 ? "point" : "points"}`;
}

function signedPoints(n: number): string {
  return `${n > 0 ? "+" : "−"}${formatPoints(n)}`;
}

const ACTION_WORDS: Record<string, string> = {
  MENTION: "a mention",
  CHECKIN: "a check-in",
  SHARE: "a share",
  LINK_ACCOUNT: "linking an account",
};

function earnedFor(source: LedgerSource, e: AwardExplanation): string {
  const what = ACTION_WORDS[source] ?? source.toLowerCase();
  const where = e.rule?.network ? ` on ${e.rule.network.toLowerCase()}` : "";
  const rule = e.rule ? ` (rule “${e.rule.name}”)` : "";
  return `for ${what}${where}${rule}`;
}

function withDetails(head: string, e: AwardExplanation): string {
  const details = [e.formula, ...(e.capsApplied ?? [])].filter((d) => d.trim() !== "");
  return details.length ? `${head}: ${details.join("; ")}` : head;
}

/**
 * One line that answers "why N points", built only from what the entry stored (never
 * recomputed, so it stays true after rules change).
 */
export function describeEntry(entry: { amount: number; source: LedgerSource; explanation: AwardExplanation }): string {
  const { amount, source, explanation: e } = entry;
  const points = signedPoints(amount);
  switch (source) {
    case "MENTION":
    case "CHECKIN":
    case "SHARE":
    case "LINK_ACCOUNT":
      return withDetails(`${points} ${earnedFor(source, e)}`, e);
    case "REDEMPTION":
      return withDetails(`${points} spent on a reward`, e);
    case "ADJUSTMENT":
      return `${points} manual adjustment: ${e.note ?? e.formula}`;
    case "EXPIRY":
      return withDetails(`${points} expired`, e);
    case "MERGE":
      return e.note ? `${points} moved when customers were merged: ${e.note}` : withDetails(`${points} moved when customers were merged`, e);
    case "REVERSAL": {
      const r = e.reversal;
      if (!r) return withDetails(`${points} reversal`, e);
      const clamp =
        r.clampedTo !== undefined && r.clampedTo !== -r.originalAmount
          ? ` (only ${Math.abs(r.clampedTo).toLocaleString("en-US")} of ${formatPoints(r.originalAmount)} could be taken back: the rest was already spent)`
          : "";
      return `${points} reversing an entry of ${signedPoints(r.originalAmount)}: ${r.reason}${clamp}`;
    }
    default: {
      const unreachable: never = source;
      return `${points} (${String(unreachable)})`;
    }
  }
}
