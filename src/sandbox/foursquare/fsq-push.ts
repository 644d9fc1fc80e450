/**
 * The User Push API: on each check-in by a user who authorized the app, POST the check-in to the
 * app's push URL as form fields `checkin` (JSON string), `user` (JSON string) and `secret`
 * (social-apis.md §3.4), or as one JSON object in "json" mode. Every attempt is recorded.
 */
import type { FsqCheckin, FsqUser } from "./fsq-state";
import { renderCheckin, renderCompactUser } from "./fsq-render";

export type PushEncoding = "form" | "json";

export interface PushDelivery {
  id: number;
  checkin_id: string;
  user_id: string;
  url: string | undefined;
  encoding: PushEncoding;
  status: "delivered" | "failed" | "skipped";
  http_status: number | undefined;
  error: string | undefined;
  at: string;
  duration_ms: number;
}

export interface PushConfig {
  url: string | undefined;
  secret: string;
  encoding: PushEncoding;
  timeoutMs: number;
}

export class PushDispatcher {
  readonly deliveries: PushDelivery[] = [];
  private nextId = 1;

  constructor(public config: PushConfig) {}

  async deliver(checkin: FsqCheckin, user: FsqUser, authorized: boolean, at: number): Promise<PushDelivery> {
    const base = {
      id: this.nextId++,
      checkin_id: checkin.id,
      user_id: user.id,
      url: this.config.url,
      encoding: this.config.encoding,
      at: new Date(at).toISOString(),
    };
    if (!this.config.url || !authorized) {
      const reason = !this.config.url ? "no push URL configured" : "user has not authorized the app";
      return this.record({ ...base, status: "skipped", http_status: undefined, error: reason, duration_ms: 0 });
    }
    const checkinJson = renderCheckin(checkin, user);
    const userJson = renderCompactUser(user);
    const form = this.config.encoding === "form";
    const body = form
      ? new URLSearchParams({ checkin: JSON.stringify(checkinJson), user: JSON.stringify(userJson), secret: this.config.secret }).toString()
      : JSON.stringify({ checkin: checkinJson, user: userJson, secret: this.config.secret });
    const t0 = performance.now();
    try {
      const res = await fetch(this.config.url, {
        method: "POST",
        headers: { "content-type": form ? "application/x-www-form-urlencoded" : "application/json", "user-agent": "Foursquare-Push/sandbox" },
        body,
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      const ok = res.status >= 200 && res.status < 300;
      return this.record({
        ...base,
        status: ok ? "delivered" : "failed",
        http_status: res.status,
        error: ok ? undefined : `HTTP ${res.status}`,
        duration_ms: Math.round(performance.now() - t0),
      });
    } catch (err) {
      return this.record({
        ...base,
        status: "failed",
        http_status: undefined,
        error: err instanceof Error ? err.message : String(err),
        duration_ms: Math.round(performance.now() - t0),
      });
    }
  }

  clear(): void {
    this.deliveries.length = 0;
  }

  private record(d: PushDelivery): PushDelivery {
    this.deliveries.push(d);
    if (this.deliveries.length > 10_000) this.deliveries.shift();
    return d;
  }
}
