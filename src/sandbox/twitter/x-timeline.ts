/**
 * Shared logic of the two list endpoints (recent search and the mentions timeline): parameter
 * validation with X's messages, the id/time window, deterministic pagination tokens and the
 * `{data, includes, meta}` envelope with `meta.result_count` always present.
 */
import { fingerprint, decodePageToken, encodePageToken } from "../core/page-token";
import { compareKeys, isSnowflakeString, parseSnowflake, snowflakeToString, type IdKey } from "../core/snowflake";
import type { RequestContext } from "../http/http-kit";
import type { SandboxState } from "../sandbox-state";
import type { PageWindow } from "./search-engine";
import { buildIncludes, renderTweet, tweetFieldSelection } from "./x-fields";
import { invalidParam, invalidRequest } from "./x-problems";

const DAY_MS = 86_400_000;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export interface TimelineSpec {
  endpoint: string;
  query: string;
  allowedParams: readonly string[];
  minResults: number;
  tokenParams: readonly string[];
  /** Recent search only returns (and accepts ids/times from) the last 7 days. */
  sevenDayWindow: boolean;
  limitNewest?: number;
  /** The mentions timeline also pages towards newer posts (`meta.previous_token`). */
  previousToken?: boolean;
}

export function checkUnknownParams(query: URLSearchParams, allowed: readonly string[]): void {
  for (const key of query.keys()) {
    if (!allowed.includes(key)) throw invalidParam(key, query.get(key) ?? "", `[${key}] is not one of [${allowed.join(",")}]`);
  }
}

export function parseMaxResults(query: URLSearchParams, min: number, max: number, fallback: number): number {
  const raw = query.get("max_results");
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(n)) {
    throw invalidParam("max_results", raw, `The \`max_results\` query parameter value [${raw}] is not a valid integer`);
  }
  if (n < min || n > max) {
    throw invalidParam("max_results", raw, `The \`max_results\` query parameter value [${raw}] is not between ${min} and ${max}`);
  }
  return n;
}

function idParam(query: URLSearchParams, name: string): IdKey | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (!isSnowflakeString(raw)) throw invalidParam(name, raw, `The \`${name}\` query parameter value [${raw}] does not match ^[0-9]{1,19}$`);
  return parseSnowflake(raw);
}

function timeParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const ms = Date.parse(raw);
  if (!RFC3339.test(raw) || !Number.isFinite(ms)) {
    throw invalidParam(name, raw, `The \`${name}\` query parameter value [${raw}] is not a valid RFC3339 date-time`);
  }
  return ms;
}

const minute = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16)}Z`;
const maxKey = (a: IdKey, b: IdKey): IdKey => (compareKeys(a, b) >= 0 ? a : b);
const minKey = (a: IdKey, b: IdKey): IdKey => (compareKeys(a, b) <= 0 ? a : b);

export function serveTimeline(ctx: RequestContext, state: SandboxState, spec: TimelineSpec): void {
  const q = ctx.query;
  checkUnknownParams(q, spec.allowedParams);
  const maxResults = parseMaxResults(q, spec.minResults, 100, 10);
  const sinceId = idParam(q, "since_id");
  const untilId = idParam(q, "until_id");
  const startMs = timeParam(q, "start_time");
  const endMs = timeParam(q, "end_time");
  const sel = tweetFieldSelection(q);
  state.search.prepare(spec.query);

  const now = state.clock.now();
  const floorMs = now - 7 * DAY_MS;
  if (spec.sevenDayWindow) {
    const raw = q.get("since_id");
    if (sinceId && raw && sinceId.ms < floorMs) {
      throw invalidParam(
        "since_id",
        raw,
        `'since_id' must be a tweet id created after ${minute(floorMs)}. Please use a 'since_id' that is larger than ${snowflakeToString(floorMs, 0)}`,
      );
    }
    if (startMs !== undefined && startMs < floorMs) {
      const raw = q.get("start_time")!;
      throw invalidParam("start_time", raw, `Invalid 'start_time':'${minute(startMs)}'. 'start_time' must be on or after ${minute(floorMs)}`);
    }
  }
  if (endMs !== undefined && endMs > now - 10_000) {
    throw invalidParam(
      "end_time",
      q.get("end_time")!,
      `Invalid 'end_time':'${minute(endMs)}'. 'end_time' must be a minimum of 10 seconds prior to the request time.`,
    );
  }
  if (startMs !== undefined && endMs !== undefined && startMs >= endMs) {
    throw invalidParam("start_time", q.get("start_time")!, `Invalid 'start_time':'${minute(startMs)}'. 'start_time' must be before 'end_time'`);
  }

  let lo: IdKey = spec.sevenDayWindow ? { ms: floorMs, seq: 0 } : { ms: 0, seq: 0 };
  if (sinceId) lo = maxKey(lo, { ms: sinceId.ms, seq: sinceId.seq + 1 });
  if (startMs !== undefined) lo = maxKey(lo, { ms: startMs, seq: 0 });
  let hi: IdKey = { ms: now - state.toggles.searchIndexLagMs + 1, seq: 0 };
  if (endMs !== undefined) hi = minKey(hi, { ms: endMs, seq: 0 });
  if (untilId) hi = minKey(hi, untilId);

  const fp = fingerprint([spec.endpoint, spec.query, q.get("since_id") ?? "", q.get("until_id") ?? "", q.get("start_time") ?? "", q.get("end_time") ?? ""]);
  const tokenName = spec.tokenParams.find((p) => q.has(p));
  let direction: "older" | "newer" = "older";
  if (tokenName) {
    const raw = q.get(tokenName)!;
    const older = decodePageToken(raw, fp);
    const newer = older || !spec.previousToken ? undefined : decodePageToken(raw, fp, "newer");
    if (older) hi = minKey(hi, older);
    else if (newer) {
      direction = "newer";
      lo = maxKey(lo, { ms: newer.ms, seq: newer.seq + 1 });
    } else throw invalidParam(tokenName, raw, `The \`${tokenName}\` query parameter value [${raw}] is not a valid token`);
  }

  const window: PageWindow = { lo, hi };
  const page = compareKeys(lo, hi) >= 0 ? { posts: [], hasMore: false } : state.search.page(spec.query, window, maxResults, spec.limitNewest, direction);
  const meta: Record<string, unknown> = {};
  const first = page.posts[0];
  const last = page.posts[page.posts.length - 1];
  let data = "";
  let includes: Record<string, unknown> | undefined;
  if (first && last) {
    // Serialized tweets are cached per post and field selection: a page is then mostly string
    // concatenation, which is what lets one core serve hundreds of 100-post pages per second.
    const key = `${[...sel.tweet].sort().join(",")}|${state.users.version}`;
    data = page.posts
      .map((p) => {
        if (p.renderKey !== key) {
          p.renderJson = JSON.stringify(renderTweet(p, sel.tweet, state.resolveUser));
          p.renderKey = key;
        }
        return p.renderJson;
      })
      .join(",");
    includes = buildIncludes(page.posts, sel, state.resolveUser, (id) => state.posts.get(id));
    meta.newest_id = first.id;
    meta.oldest_id = last.id;
  }
  meta.result_count = page.posts.length;
  // Going newer, the page we came from lies behind this one, so an older page always exists.
  const olderRemain = direction === "newer" || page.hasMore;
  if (olderRemain && last) meta.next_token = encodePageToken(last, fp);
  if (spec.previousToken && first && (direction === "older" || page.hasMore)) meta.previous_token = encodePageToken(first, fp, "newer");
  const payload = (data ? `{"data":[${data}],` : "{") + (includes ? `"includes":${JSON.stringify(includes)},` : "") + `"meta":${JSON.stringify(meta)}}`;
  ctx.res.writeHead(200, { ...ctx.headers, "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(payload) });
  ctx.res.end(payload);
}

export function emptyQueryError(): never {
  throw invalidRequest([{ parameter: "query", values: [], message: "Request parameter `query` can not be empty" }]);
}
