import { existsSync } from "node:fs";
import { getEnv } from "./env";

/** Where a `pause-*` fault (FAULT_INJECTION in env.ts) can stall a worker. */
export type PausePoint = "before-poll" | "before-ingest";

let pausedOnce = false;

/**
 * Test-only, a no-op unless FAULT_INJECTION is `pause-<point>`: blocks this process's event loop
 * synchronously — as a CPU-heavy handler would — once per process, for up to FAULT_PAUSE_MS or
 * until FAULT_PAUSE_RELEASE_FILE exists. Nothing else runs meanwhile (no lock renewal, no
 * timers), so the job's BullMQ lock expires, another worker takes it over, and when this one
 * wakes up it finishes the same job a second time. Writes one line to stderr before and after.
 */
export function pauseForFaultInjection(point: PausePoint, detail = ""): void {
  const env = getEnv();
  if (pausedOnce || env.FAULT_INJECTION !== `pause-${point}`) return;
  pausedOnce = true;
  const started = Date.now();
  const deadline = started + env.FAULT_PAUSE_MS;
  const releaseFile = env.FAULT_PAUSE_RELEASE_FILE;
  process.stderr.write(`FAULT_INJECTION: pausing ${point}${detail ? ` ${detail}` : ""}\n`);
  const cell = new Int32Array(new SharedArrayBuffer(4));
  while (Date.now() < deadline && !(releaseFile && existsSync(releaseFile))) {
    Atomics.wait(cell, 0, 0, Math.max(1, Math.min(50, deadline - Date.now())));
  }
  process.stderr.write(`FAULT_INJECTION: resumed ${point} after ${Date.now() - started} ms\n`);
}
