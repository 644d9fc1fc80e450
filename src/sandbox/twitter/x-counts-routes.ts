/**
 * GET /2/tweets/counts/recent: how many posts of the last 7 days match a query, per minute, hour
 * (default) or day. App-only bearer only, as X's document says. The first bucket starts at
 * `start_time` and ends at the next boundary; later buckets are whole periods.
 */
import { compareKeys, isSnowflakeString, parseSnowflake, type IdKey } from "../core/snowflake";
import { sendJson } from "../http/http-kit";
import type { Router } from "../http/router";
import type { SandboxState } from "../sandbox-state";
import { QuerySyntaxError } from "./query-parser";
import { xEndpoint } from "./x-endpoint";
import { invalidParam } from "./x-problems";
import { checkUnknownParams, emptyQueryError } from "./x-timeline";

const DAY_MS = 86_400_000;
const PERIOD_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: DAY_MS };
const PARAMS = ["query", "start_time", "end_time", "since_id", "until_id", "next_token", "pagination_token", "granularity", "search_count.fields"];

function time(q: URLSearchParams, name: string): number | undefined {
  const raw = q.get(name);
  if (raw === null) return undefined;
  const ms = Date.parse(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || !Number.isFinite(ms)) {
    throw invalidParam(name, raw, `The \`${name}\` query parameter value [${raw}] is not a valid RFC3339 date-time`);
  }
  return ms;
}

function id(q: URLSearchParams, name: string): IdKey | undefined {
  const raw = q.get(name);
  if (raw === null) return undefined;
  if (!isSnowflakeString(raw)) throw invalidParam(name, raw, `The \`${name}\` query parameter value [${raw}] does not match ^[0-9]{1,19}$`);
  return parseSnowflake(raw);
}

export function registerCountsRoutes(router: Router, state: SandboxState): void {
  router.on(
    "GET",
    "/2/tweets/counts/recent",
    xEndpoint(state, { key: "GET /2/tweets/counts/recent", auth: "app" }, (ctx) => {
      const q = ctx.query;
      checkUnknownParams(q, PARAMS);
      const query = q.get("query");
      if (query === null || query.trim() === "") emptyQueryError();
      const granularity = q.get("granularity") ?? "hour";
      const period = PERIOD_MS[granularity];
      if (!period) throw invalidParam("granularity", granularity, `The \`granularity\` query parameter value [${granularity}] is not one of [day,hour,minute]`);
      const now = state.clock.now();
      const floor = now - 7 * DAY_MS;
      // Default edges on whole seconds, as X reports them.
      const start = time(q, "start_time") ?? Math.ceil(floor / 1000) * 1000;
      const end = time(q, "end_time") ?? Math.floor((now - 30_000) / 1000) * 1000;
      if (start < floor) throw invalidParam("start_time", q.get("start_time")!, "'start_time' must be within the last 7 days");
      if (end <= start) throw invalidParam("end_time", q.get("end_time") ?? "", "'end_time' must be after 'start_time'");
      let lo: IdKey = { ms: start, seq: 0 };
      let hi: IdKey = { ms: end, seq: 0 };
      const since = id(q, "since_id");
      const until = id(q, "until_id");
      if (since && compareKeys({ ms: since.ms, seq: since.seq + 1 }, lo) > 0) lo = { ms: since.ms, seq: since.seq + 1 };
      if (until && compareKeys(until, hi) < 0) hi = until;
      let posts;
      try {
        posts = compareKeys(lo, hi) >= 0 ? [] : state.search.page(query, { lo, hi }, Number.MAX_SAFE_INTEGER).posts;
      } catch (err) {
        if (err instanceof QuerySyntaxError) throw invalidParam("query", query, err.message);
        throw err;
      }
      const buckets: { start: number; end: number; count: number }[] = [];
      for (let s = start; s < end;) {
        const e = Math.min(end, Math.floor(s / period) * period + period);
        buckets.push({ start: s, end: e, count: 0 });
        s = e;
      }
      const firstEnd = buckets[0]?.end ?? end;
      for (const p of posts) {
        const i = p.ms < firstEnd ? 0 : 1 + Math.floor((p.ms - firstEnd) / period);
        const b = buckets[i];
        if (b) b.count++;
      }
      const data = buckets.map((b) => ({ end: new Date(b.end).toISOString(), start: new Date(b.start).toISOString(), tweet_count: b.count }));
      sendJson(ctx, 200, { data, meta: { total_tweet_count: posts.length } });
    }),
  );
}
