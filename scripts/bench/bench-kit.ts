import { copyFileSync, existsSync } from "node:fs";

/** One timestamped progress line of a bench. */
export const log = (msg: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);

/** The 95th percentile (nearest rank) of some timings; 0 for none. */
export const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(values.length * 0.95) - 1)] ?? 0;

/**
 * The bench's environment: `.env` (made from `.env.example` on a fresh clone) with the bench's own
 * database, Redis database and overrides on top, before any module reads it.
 */
export function benchEnv(overrides: Record<string, string>): void {
  if (!existsSync(".env")) copyFileSync(".env.example", ".env");
  process.loadEnvFile(".env");
  Object.assign(process.env, { LOG_LEVEL: "warn", ...overrides });
}
