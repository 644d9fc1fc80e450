/**
 * Pagination tokens: opaque base32hex strings, as X documents them, and deterministic — the same
 * request yields the same token, and a token "does not expire". A token carries the (ms, seq)
 * cursor of the last post served plus a 32-bit fingerprint of the query and window it belongs to,
 * so a token pasted onto another query is rejected instead of silently skipping posts.
 */
import type { IdKey } from "./snowflake";

const ALPHABET = "0123456789abcdefghijklmnopqrstuv";

export function fingerprint(parts: readonly string[]): number {
  // FNV-1a 32-bit over the joined parts.
  let h = 0x811c9dc5;
  const s = parts.join("\u0000");
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** "older": the page after (next_token); "newer": the page before (the mentions' previous_token). */
export type PageDirection = "older" | "newer";
const VERSION: Record<PageDirection, number> = { older: 1, newer: 2 };

export function encodePageToken(cursor: IdKey, fp: number, direction: PageDirection = "older"): string {
  // [version 1 (older) | 2 (newer)][ms 6][seq 4][fingerprint 4]
  const buf = Buffer.alloc(15);
  buf.writeUInt8(VERSION[direction], 0);
  buf.writeUIntBE(cursor.ms, 1, 6);
  buf.writeUInt32BE(cursor.seq >>> 0, 7);
  buf.writeUInt32BE(fp >>> 0, 11);
  return base32hex(buf);
}

export function decodePageToken(token: string, fp: number, direction: PageDirection = "older"): IdKey | undefined {
  const buf = fromBase32hex(token);
  if (!buf || buf.length !== 15 || buf.readUInt8(0) !== VERSION[direction]) return undefined;
  if (buf.readUInt32BE(11) !== fp >>> 0) return undefined;
  return { ms: buf.readUIntBE(1, 6), seq: buf.readUInt32BE(7) };
}

function base32hex(buf: Buffer): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32hex(token: string): Buffer | undefined {
  if (!/^[0-9a-v]{1,64}$/.test(token)) return undefined;
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of token) {
    value = (value << 5) | ALPHABET.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  return Buffer.from(bytes);
}
