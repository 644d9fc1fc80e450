/**
 * Snowflake ids exactly as X mints them: (ms − twepoch) << 22 | sequence. twitter-api-v2 converts
 * dates to ids with the same formula, so `start_time`→`since_id` conversions line up.
 *
 * Internally a post's position is the pair (ms, seq) compared as numbers: BigInt compares are
 * ten times slower, and every page of a search does dozens of them.
 */
export const TWEPOCH_MS = 1288834974657;
const SEQ_BITS = 22n;
const SEQ_MASK = (1n << SEQ_BITS) - 1n;
export const MAX_SEQ = Number(SEQ_MASK);

export interface IdKey {
  ms: number;
  seq: number;
}

export function snowflakeToString(ms: number, seq: number): string {
  return ((BigInt(ms - TWEPOCH_MS) << SEQ_BITS) | BigInt(seq)).toString();
}

/** Parses a decimal id into its (ms, seq) key. Ids smaller than twepoch map below every post. */
export function parseSnowflake(id: string | bigint): IdKey {
  const n = typeof id === "bigint" ? id : BigInt(id);
  return { ms: Number(n >> SEQ_BITS) + TWEPOCH_MS, seq: Number(n & SEQ_MASK) };
}

/** The smallest id minted at `ms` (what the library's dateStringToSnowflakeId returns). */
export function snowflakeFloor(ms: number): IdKey {
  return { ms, seq: 0 };
}

export function compareKeys(a: IdKey, b: IdKey): number {
  return a.ms - b.ms || a.seq - b.seq;
}

export function isSnowflakeString(value: string): boolean {
  return /^[0-9]{1,19}$/.test(value);
}
