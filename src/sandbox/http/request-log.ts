/** Ring buffer of recent requests, readable through GET /__admin/requests. */
export interface LoggedRequest {
  seq: number;
  at: string;
  method: string;
  path: string;
  query: string;
  status: number;
  duration_ms: number;
  auth: string | undefined;
  fault: string | undefined;
}

export class RequestLog {
  private readonly items: LoggedRequest[] = [];
  private seq = 0;

  constructor(private readonly capacity = 10_000) {}

  add(entry: Omit<LoggedRequest, "seq">): void {
    this.items.push({ seq: ++this.seq, ...entry });
    if (this.items.length > this.capacity) this.items.splice(0, this.items.length - this.capacity);
  }

  list(filter: { pathPrefix?: string; limit?: number; sinceSeq?: number } = {}): LoggedRequest[] {
    let out = this.items;
    if (filter.sinceSeq !== undefined) out = out.filter((r) => r.seq > filter.sinceSeq!);
    if (filter.pathPrefix) out = out.filter((r) => r.path.startsWith(filter.pathPrefix!));
    return out.slice(-(filter.limit ?? 200));
  }

  clear(): void {
    this.items.length = 0;
  }
}
