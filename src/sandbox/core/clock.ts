/**
 * The sandbox's notion of "now". Everything time-based (token expiry, the 7-day search window,
 * rate-limit windows, auth-code lifetime, generated timestamps) reads this clock, never Date.now(),
 * so tests can freeze it or jump hours ahead without waiting.
 */
export interface ClockOptions {
  /** Start time (ms since epoch or ISO string). Default: the real current time. */
  start?: number | string;
  /** A frozen clock only moves through advance()/set(). Default false (ticks with real time). */
  frozen?: boolean;
}

export class SandboxClock {
  private offsetMs = 0;
  private frozenAt: number | undefined;

  constructor(options: ClockOptions = {}) {
    const start = options.start === undefined ? Date.now() : toMs(options.start);
    if (options.frozen) this.frozenAt = start;
    else this.offsetMs = start - Date.now();
  }

  now(): number {
    return this.frozenAt ?? Date.now() + this.offsetMs;
  }

  advance(ms: number): number {
    if (this.frozenAt !== undefined) this.frozenAt += ms;
    else this.offsetMs += ms;
    return this.now();
  }

  set(at: number | string, frozen?: boolean): number {
    const ms = toMs(at);
    const freeze = frozen ?? this.frozenAt !== undefined;
    if (freeze) {
      this.frozenAt = ms;
    } else {
      this.frozenAt = undefined;
      this.offsetMs = ms - Date.now();
    }
    return this.now();
  }

  get frozen(): boolean {
    return this.frozenAt !== undefined;
  }
}

export function toMs(at: number | string): number {
  const ms = typeof at === "number" ? at : Date.parse(at);
  if (!Number.isFinite(ms)) throw new Error(`invalid time: ${String(at)}`);
  return ms;
}
