import type { LedgerSource } from "../../db/generated/enums";
import type { AwardExplanation } from "../ledger/ledger.types";

const NETWORK_NAME: Record<string, string> = { TWITTER: "X", FOURSQUARE: "Foursquare" };

/**
 * A ledger entry as its customer reads it in the portal, e.g. "+37: your post about Tasti on X
 * (2,140 followers ×1.8, Double week ×2, capped at 150 today)". Built only from what the entry
 * stored when it was posted (never recomputed, so it stays true after rules change). Staff see
 * describeEntry's wording instead. Names and notes are returned as text, for the page to escape.
 */
export function describeEntryForCustomer(entry: { amount: number; source: LedgerSource; explanation: AwardExplanation }, brandName: string): string {
  const { amount, source, explanation: e } = entry;
  const head = `${amount > 0 ? "+" : "−"}${Math.abs(amount).toLocaleString("en-US")}`;
  const network = e.rule?.network ? (NETWORK_NAME[e.rule.network] ?? e.rule.network) : null;
  const on = network ? ` on ${network}` : "";
  switch (source) {
    case "MENTION":
      return `${head}: your post about ${brandName}${on}${why(e)}`;
    case "CHECKIN":
      return `${head}: your check-in at ${brandName}${on}${why(e)}`;
    case "SHARE":
      return `${head}: sharing your points${on}${why(e)}`;
    case "LINK_ACCOUNT":
      return `${head}: linking your ${network ?? "social"} account`;
    case "REDEMPTION":
      return `${head}: spent on a reward${e.formula ? ` (${e.formula})` : ""}`;
    case "ADJUSTMENT":
      return `${head}: from ${brandName}${e.note ? `: ${e.note}` : ""}`;
    case "EXPIRY":
      return `${head}: points expired`;
    case "MERGE":
      return `${head}: moved from an account merged into yours`;
    case "REVERSAL": {
      const r = e.reversal;
      const partly =
        r?.clampedTo !== undefined && r.clampedTo !== -r.originalAmount
          ? `, ${Math.abs(r.clampedTo).toLocaleString("en-US")} of ${r.originalAmount.toLocaleString("en-US")}`
          : "";
      // Reversing a spend (a redemption) gives points back; reversing an award takes them back.
      return `${head}: ${amount > 0 ? "given back" : "taken back"}${r ? ` (${r.reason}${partly})` : ""}`;
    }
    default: {
      const unreachable: never = source;
      return `${head}: ${String(unreachable).toLowerCase()}`;
    }
  }
}

/** The factors that made the amount, as the customer would say them. */
function why(e: AwardExplanation): string {
  const parts: string[] = [];
  if (e.influence && e.influence.curve !== "NONE" && e.influence.multiplier !== 1) {
    parts.push(`${(e.followers ?? 0).toLocaleString("en-US")} followers ×${e.influence.multiplier}`);
  }
  if (e.campaign) parts.push(`${e.campaign.name} ×${e.campaign.multiplier}`);
  for (const cap of e.capsApplied ?? []) {
    const daily = /^daily cap (\d+)/.exec(cap);
    parts.push(daily ? `capped at ${Number(daily[1]).toLocaleString("en-US")} today` : cap);
  }
  return parts.length ? ` (${parts.join(", ")})` : "";
}
