import { randomInt } from "node:crypto";
import { parse } from "csv-parse/sync";

/** What an upload's text held, line by line: nothing is dropped without being reported. */
export interface ParsedCodeList {
  codes: string[];
  /** Codes that appeared more than once in this upload (each listed once; the first copy is kept). */
  duplicates: string[];
  /** 1-based line numbers with nothing in the first column. */
  blankLines: number[];
  /** Values refused, with their line and why. */
  invalid: { line: number; value: string; reason: string }[];
}

export const MAX_CODE_LENGTH = 100;
const PRINTABLE = /^[\x21-\x7e]+$/;

/**
 * Reads a pasted list or a CSV file: one code per line, or a CSV whose first column is the code
 * (a header row named "code" is skipped). Quoted fields and CRLF are handled by csv-parse;
 * surrounding spaces are trimmed, and codes must be printable ASCII without spaces, so what the
 * customer is shown can be typed back at a till.
 */
export function parseCodeList(text: string): ParsedCodeList {
  const rows = parse(text.replace(/^\uFEFF/, ""), {
    relax_column_count: true,
    skip_empty_lines: false,
    trim: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const result: ParsedCodeList = { codes: [], duplicates: [], blankLines: [], invalid: [] };
  const seen = new Set<string>();
  const dupes = new Set<string>();
  rows.forEach(({ record, info }, index) => {
    const value = (record[0] ?? "").trim();
    const line = info.lines;
    if (index === 0 && /^codes?$/i.test(value)) return;
    if (value === "") {
      // csv-parse reports a trailing newline as no row at all, so this is a real blank line.
      result.blankLines.push(line);
      return;
    }
    if (value.length > MAX_CODE_LENGTH)
      return void result.invalid.push({ line, value: value.slice(0, 40) + "…", reason: `longer than ${MAX_CODE_LENGTH} characters` });
    if (!PRINTABLE.test(value)) return void result.invalid.push({ line, value, reason: "only letters, digits and punctuation, no spaces" });
    if (seen.has(value)) {
      dupes.add(value);
      return;
    }
    seen.add(value);
    result.codes.push(value);
  });
  result.duplicates = [...dupes];
  return result;
}

/** No 0/O, 1/I/L, U: a code read aloud or off a screen is typed back right. */
const READABLE = "ABCDEFGHJKMNPQRSTVWXYZ23456789";
const GROUPS = 4;
const GROUP_LENGTH = 4;

/**
 * An unguessable code from the crypto RNG: 16 characters of a 30-letter alphabet (about 78 bits),
 * shown as XXXX-XXXX-XXXX-XXXX. Uniqueness per brand is enforced by the database as well.
 */
export function generateRewardCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = "";
    for (let i = 0; i < GROUP_LENGTH; i++) group += READABLE[randomInt(READABLE.length)];
    groups.push(group);
  }
  return groups.join("-");
}
