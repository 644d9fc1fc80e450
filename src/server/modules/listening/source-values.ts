/**
 * What a tracked value may be, per network and kind, and its one stored form. Pure functions:
 * the schemas, the service and the tests share them.
 *
 *   KEYWORD  "Brand X  Coffee" → "brand x coffee"   (2..100 chars, searched as an exact phrase)
 *   HASHTAG  "#BrandX" / "BrandX" → "#brandx"
 *   HANDLE   "@Brand_X" / "Brand_X" → "@brand_x"      (1..15 of A-Z a-z 0-9 _)
 *   VENUE    "4BF58DD8D48988D1E0931735" or a foursquare.com/v/… URL → "4bf58dd8d48988d1e0931735"
 *
 * Stored values are lower-case so the unique key (tenant, network, kind, value) treats
 * "#BrandX" and "#brandx" as the same source; X search is case-insensitive anyway.
 */

export const NETWORK_KINDS = {
  TWITTER: ["KEYWORD", "HASHTAG", "HANDLE"],
  FOURSQUARE: ["VENUE"],
} as const;

export type SourceNetwork = keyof typeof NETWORK_KINDS;
export type SourceKindName = (typeof NETWORK_KINDS)[SourceNetwork][number];

export type NormalizeResult = { ok: true; value: string } | { ok: false; message: string };

export const KIND_LABELS: Record<SourceKindName, string> = {
  KEYWORD: "keyword",
  HASHTAG: "hashtag",
  HANDLE: "handle",
  VENUE: "venue",
};

export function kindAllowed(network: SourceNetwork, kind: SourceKindName): boolean {
  return (NETWORK_KINDS[network] as readonly string[]).includes(kind);
}

// Control characters and the invisible format characters people paste by accident.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/gu;

function normalizeKeyword(raw: string): NormalizeResult {
  const value = raw.normalize("NFC").replace(INVISIBLE, " ").replace(/\s+/gu, " ").trim().toLowerCase();
  if (value.length < 2 || value.length > 100) return { ok: false, message: "a keyword must be 2 to 100 characters long" };
  if (value.includes('"')) return { ok: false, message: "a keyword cannot contain double quotes: it is already searched as an exact phrase" };
  if (value.startsWith("#")) return { ok: false, message: "this looks like a hashtag: choose the Hashtag kind for #tags" };
  if (value.startsWith("@")) return { ok: false, message: "this looks like a handle: choose the Handle kind for @names" };
  return { ok: true, value };
}

const HASHTAG = /^[\p{L}\p{M}\p{N}_]{1,100}$/u;

function normalizeHashtag(raw: string): NormalizeResult {
  const tag = raw
    .normalize("NFC")
    .trim()
    .replace(/^[#＃]/u, "");
  if (!HASHTAG.test(tag)) {
    return { ok: false, message: "a hashtag is 1 to 100 letters, digits or _ with no spaces or punctuation, e.g. #brandx" };
  }
  if (/^[\p{N}_]+$/u.test(tag)) return { ok: false, message: "a hashtag needs at least one letter (X ignores all-number tags)" };
  return { ok: true, value: `#${tag.toLowerCase()}` };
}

function normalizeHandle(raw: string): NormalizeResult {
  const name = raw.trim().replace(/^@/, "");
  if (!/^[A-Za-z0-9_]{1,15}$/.test(name)) return { ok: false, message: "a handle is 1 to 15 letters, digits or _, e.g. @brandx" };
  return { ok: true, value: `@${name.toLowerCase()}` };
}

function normalizeVenue(raw: string): NormalizeResult {
  const text = raw.trim();
  // A pasted venue page (https://foursquare.com/v/some-name/<id>) carries the id last.
  const fromUrl = /^https?:\/\/(?:[a-z0-9-]+\.)*foursquare\.com\/v\/(?:[^/?#]+\/)?([0-9a-fA-F]{24})\/?(?:[?#].*)?$/.exec(text);
  const id = fromUrl?.[1] ?? text;
  if (!/^[0-9a-fA-F]{24}$/.test(id)) {
    return {
      ok: false,
      message: "a Foursquare venue id is 24 hexadecimal characters, e.g. 4bf58dd8d48988d1e0931735 (or paste the venue's foursquare.com URL)",
    };
  }
  return { ok: true, value: id.toLowerCase() };
}

/** Validates a raw value for its network and kind and returns the stored form, or why not. */
export function normalizeSourceValue(network: SourceNetwork, kind: SourceKindName, raw: string): NormalizeResult {
  if (!kindAllowed(network, kind)) {
    return { ok: false, message: `${network === "TWITTER" ? "X" : "Foursquare"} sources cannot be a ${KIND_LABELS[kind]}` };
  }
  switch (kind) {
    case "KEYWORD":
      return normalizeKeyword(raw);
    case "HASHTAG":
      return normalizeHashtag(raw);
    case "HANDLE":
      return normalizeHandle(raw);
    case "VENUE":
      return normalizeVenue(raw);
    default: {
      const unreachable: never = kind;
      return { ok: false, message: `unknown kind ${String(unreachable)}` };
    }
  }
}
