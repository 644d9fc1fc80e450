import type { InfluenceCurve } from "../../db/generated/enums";

export interface InfluenceSettings {
  curve: InfluenceCurve;
  /** LOG: added per decade of followers (per ×10 beyond 100); LINEAR: added per 1,000 followers. */
  factor: number;
  /** The cap; values below 1 (or NaN) count as 1. */
  max: number;
}

/**
 * How much more an author's post is worth for their reach:
 *   NONE   → 1
 *   LOG    → 1 + factor · log10(1 + followers / 100)
 *   LINEAR → 1 + factor · followers / 1000
 * never below 1 and never above `max`, rounded to 2 decimals (so the explanation's
 * "× 2.35 influence" is the exact number used). Negative, NaN or missing follower counts count
 * as 0; a negative factor counts as 0.
 */
export function influenceMultiplier(followers: number, settings: InfluenceSettings): number {
  const n = Number.isNaN(followers) || followers < 0 ? 0 : followers;
  const factor = Number.isFinite(settings.factor) && settings.factor > 0 ? settings.factor : 0;
  const max = Number.isFinite(settings.max) && settings.max > 1 ? settings.max : 1;
  let raw: number;
  switch (settings.curve) {
    case "NONE":
      raw = 1;
      break;
    case "LOG":
      raw = 1 + factor * Math.log10(1 + n / 100);
      break;
    case "LINEAR":
      raw = 1 + factor * (n / 1000);
      break;
    default: {
      const unreachable: never = settings.curve;
      throw new Error(`unknown influence curve ${String(unreachable)}`);
    }
  }
  const rounded = Number.isFinite(raw) ? Math.round(raw * 100) / 100 : max;
  return Math.min(max, Math.max(1, rounded));
}
