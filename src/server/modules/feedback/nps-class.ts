import type { NpsClassName } from "./feedback.schemas";

/** The Net Promoter classes: 9–10 promoter, 7–8 passive, 0–6 detractor (the migration's CHECK says the same). */
export function npsClassOf(score: number): NpsClassName {
  if (!Number.isInteger(score) || score < 0 || score > 10) throw new RangeError(`not a 0–10 score: ${score}`);
  if (score >= 9) return "PROMOTER";
  if (score >= 7) return "PASSIVE";
  return "DETRACTOR";
}
