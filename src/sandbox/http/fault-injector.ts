/**
 * Faults a test can switch on through the admin API: 429 storms, 5xx bursts, slow responses and
 * dropped connections, each for the next N matching requests. Admin routes are never affected.
 */
export type FaultKind = "rate_limit" | "server_error" | "slow" | "drop";

export interface Fault {
  id: number;
  kind: FaultKind;
  /** Requests still to affect; Infinity for "until cleared". */
  remaining: number;
  /** Only requests whose path starts with this are affected. */
  pathPrefix: string;
  status: number;
  delayMs: number;
}

export type FaultInput = Partial<Omit<Fault, "id">> & { kind: FaultKind };

export class FaultInjector {
  private faults: Fault[] = [];
  private nextId = 1;

  add(input: FaultInput): Fault {
    const fault: Fault = {
      id: this.nextId++,
      kind: input.kind,
      remaining: input.remaining ?? 1,
      pathPrefix: input.pathPrefix ?? "/",
      status: input.status ?? (input.kind === "rate_limit" ? 429 : 503),
      delayMs: input.delayMs ?? 0,
    };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  /** Takes the faults that apply to this request, consuming one use of each. */
  take(path: string): Fault[] {
    const hits: Fault[] = [];
    for (const f of this.faults) {
      if (f.remaining > 0 && path.startsWith(f.pathPrefix)) {
        f.remaining--;
        hits.push(f);
      }
    }
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return hits;
  }
}
