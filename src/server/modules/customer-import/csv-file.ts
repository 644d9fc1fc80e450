import { Readable } from "node:stream";
import { parse, type Parser } from "csv-parse";
import { AppError } from "../../errors";

/**
 * The file-level checks of an uploaded customer CSV: its encoding, then its header. A file that
 * fails one is refused as a whole with a message naming the place, so nothing of it is imported.
 */

/** The offset of the first byte that is not part of a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    const second = bytes[i + 1]!;
    // Overlong forms, surrogates and code points past U+10FFFF.
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
    i += length;
  }
  return -1;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function refuse(message: string): never {
  throw new AppError("VALIDATION_FAILED", message, { issues: [{ path: "file", message }] });
}

const SAVE_AS = 'Save it as "CSV UTF-8" and upload it again.';

/** Refuses a file that is not UTF-8 text (a UTF-8 byte-order mark is fine and ignored). */
export function assertUtf8Csv(bytes: Uint8Array): void {
  if (bytes.length === 0) refuse("The file is empty.");
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    refuse(`The file is encoded as UTF-16 (it starts with a UTF-16 byte-order mark); imports read UTF-8 only. ${SAVE_AS}`);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) refuse(`The file contains a NUL byte on line ${lineAt(bytes, nul)} (UTF-16 or a binary file?); imports read UTF-8 text only. ${SAVE_AS}`);
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const hex = bytes[bad]!.toString(16).toUpperCase().padStart(2, "0");
    refuse(`The file is not UTF-8: byte 0x${hex} on line ${lineAt(bytes, bad)} is not valid UTF-8 (Latin-1 or Windows-1252?). ${SAVE_AS}`);
  }
}

function parser(fromLine = 1): Parser {
  return parse({ bom: true, relax_column_count: true, skip_empty_lines: true, from_line: fromLine, info: true });
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/** The header row, trimmed; refuses a file without one or with a blank or repeated header. */
export async function readHeaders(bytes: Uint8Array): Promise<string[]> {
  assertUtf8Csv(bytes);
  const stream = Readable.from([Buffer.from(bytes)]).pipe(parser());
  try {
    for await (const { record } of stream as AsyncIterable<ParsedRecord>) {
      const headers = record.map((h) => h.trim());
      const blank = headers.findIndex((h) => h === "");
      if (blank >= 0) refuse(`Column ${blank + 1} of the header row has no name.`);
      const seen = new Set<string>();
      for (const h of headers) {
        if (seen.has(h.toLowerCase())) refuse(`The header "${h}" appears twice.`);
        seen.add(h.toLowerCase());
      }
      return headers;
    }
  } catch (error) {
    throw csvError(error);
  } finally {
    stream.destroy();
  }
  refuse("The file has no header row.");
}

/** A data row: its row number (the header is row 1, as a spreadsheet shows) and its cells. */
export interface CsvRow {
  line: number;
  cells: string[];
}

/**
 * The data rows, streamed through csv-parse (quoted newlines and doubled quotes as RFC 4180,
 * a UTF-8 BOM dropped). A malformed file (an unclosed quote, say) throws a VALIDATION AppError
 * naming the line.
 */
export async function* readRows(bytes: Uint8Array): AsyncGenerator<CsvRow> {
  const stream = Readable.from([Buffer.from(bytes)]).pipe(parser());
  let row = 0;
  try {
    for await (const { record } of stream as AsyncIterable<ParsedRecord>) {
      row++;
      // Row 1 is the header; a quoted newline keeps a record one row, as a spreadsheet shows it.
      if (row > 1) yield { line: row, cells: record };
    }
  } catch (error) {
    throw csvError(error);
  } finally {
    stream.destroy();
  }
}

function csvError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const e = error as { code?: string; lines?: number; message?: string };
  if (typeof e.code === "string" && e.code.startsWith("CSV_")) {
    const where = e.lines ? ` (line ${e.lines})` : "";
    const what = e.code === "CSV_QUOTE_NOT_CLOSED" ? "a quoted field is never closed" : (e.message ?? e.code);
    const message = `The file is not valid CSV${where}: ${what}.`;
    return new AppError("VALIDATION_FAILED", message, { issues: [{ path: "file", message }] });
  }
  return error;
}
