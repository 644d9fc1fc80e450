/**
 * Who engaged with a post and what an author posted: GET /2/users/:id/tweets,
 * /2/tweets/:id/quote_tweets, /2/tweets/:id/retweeted_by and /2/tweets/:id/liking_users
 * (parameters and auth from X's OpenAPI document 2.166).
 */
import { decodePageToken, encodePageToken, fingerprint } from "../core/page-token";
import { sendJson, type RequestContext } from "../http/http-kit";
import type { Router } from "../http/router";
import type { SandboxState } from "../sandbox-state";
import type { SandboxUser } from "../store/store-types";
import { READ_SCOPES, xEndpoint } from "./x-endpoint";
import { listParam, renderUser, userFieldSelection } from "./x-fields";
import { invalidParam, notFound } from "./x-problems";
import { checkUnknownParams, parseMaxResults, serveTimeline } from "./x-timeline";

const TWEET_FIELD_PARAMS = ["expansions", "tweet.fields", "media.fields", "poll.fields", "place.fields", "user.fields", "post.fields"];
const USER_LIST_PARAMS = ["max_results", "pagination_token", "expansions", "user.fields", "tweet.fields", "post.fields"];
const ID_RE = /^[0-9]{1,19}$/;

function idOf(ctx: RequestContext): string {
  const id = ctx.params.id ?? "";
  if (!ID_RE.test(id)) throw invalidParam("id", id, `The \`id\` query parameter value [${id}] does not match ^[0-9]{1,19}$`);
  return id;
}

/** `exclude=retweets,replies` as query clauses. */
function excludeClauses(ctx: RequestContext): string {
  const ex = listParam(ctx.query, "exclude", ["replies", "retweets"]);
  return (ex.has("retweets") ? " -is:retweet" : "") + (ex.has("replies") ? " -is:reply" : "");
}

/** A page of users, newest engagement first, with an offset cursor bound to the post. */
function serveUsers(ctx: RequestContext, endpoint: string, postId: string, users: readonly SandboxUser[]): void {
  checkUnknownParams(ctx.query, USER_LIST_PARAMS);
  const max = parseMaxResults(ctx.query, 1, 100, 100);
  const sel = userFieldSelection(ctx.query);
  const fp = fingerprint([endpoint, postId]);
  const raw = ctx.query.get("pagination_token");
  let offset = 0;
  if (raw !== null) {
    const cursor = decodePageToken(raw, fp);
    if (!cursor) throw invalidParam("pagination_token", raw, `The \`pagination_token\` query parameter value [${raw}] is not a valid token`);
    offset = cursor.ms;
  }
  const page = users.slice(offset, offset + max);
  const meta: Record<string, unknown> = { result_count: page.length };
  if (offset + max < users.length) meta.next_token = encodePageToken({ ms: offset + max, seq: 0 }, fp);
  if (offset > 0 && page.length > 0) meta.previous_token = encodePageToken({ ms: Math.max(0, offset - max), seq: 0 }, fp);
  sendJson(ctx, 200, { ...(page.length ? { data: page.map((u) => renderUser(u, sel.user)) } : {}), meta });
}

export function registerEngagementRoutes(router: Router, state: SandboxState): void {
  router.on(
    "GET",
    "/2/users/:id/tweets",
    xEndpoint(state, { key: "GET /2/users/:id/tweets", auth: "any", scopes: READ_SCOPES }, (ctx) => {
      const id = idOf(ctx);
      const user = state.users.get(id);
      if (!user) throw notFound("user", "id", id, "id");
      serveTimeline(ctx, state, {
        endpoint: "user-tweets",
        query: `from:${user.username}${excludeClauses(ctx)}`,
        allowedParams: ["since_id", "until_id", "max_results", "pagination_token", "exclude", "start_time", "end_time", ...TWEET_FIELD_PARAMS],
        minResults: 5,
        tokenParams: ["pagination_token"],
        sevenDayWindow: false,
        limitNewest: 3200,
        previousToken: true,
      });
    }),
  );

  router.on(
    "GET",
    "/2/tweets/:id/quote_tweets",
    xEndpoint(state, { key: "GET /2/tweets/:id/quote_tweets", auth: "any", scopes: READ_SCOPES }, (ctx) => {
      const id = idOf(ctx);
      serveTimeline(ctx, state, {
        endpoint: "quote-tweets",
        query: `quotes_of_tweet_id:${id}${excludeClauses(ctx)}`,
        allowedParams: ["max_results", "pagination_token", "exclude", ...TWEET_FIELD_PARAMS],
        minResults: 10,
        tokenParams: ["pagination_token"],
        sevenDayWindow: false,
      });
    }),
  );

  router.on(
    "GET",
    "/2/tweets/:id/retweeted_by",
    xEndpoint(state, { key: "GET /2/tweets/:id/retweeted_by", auth: "any", scopes: READ_SCOPES }, (ctx) => {
      const id = idOf(ctx);
      const query = `retweets_of_tweet_id:${id}`;
      const all = { lo: { ms: 0, seq: 0 }, hi: { ms: state.clock.now() + 1, seq: 0 } };
      const retweets = state.search.page(query, all, Number.MAX_SAFE_INTEGER).posts;
      const seen = new Set<string>();
      const users = retweets.map((p) => p.author).filter((u) => !seen.has(u.id) && seen.add(u.id));
      serveUsers(ctx, "retweeted-by", id, users);
    }),
  );

  router.on(
    "GET",
    "/2/tweets/:id/liking_users",
    xEndpoint(state, { key: "GET /2/tweets/:id/liking_users", auth: "user", scopes: ["like.read", ...READ_SCOPES] }, (ctx) => {
      const id = idOf(ctx);
      const post = state.posts.get(id);
      serveUsers(ctx, "liking-users", id, post && !post.deleted ? (post.likedBy ?? []) : []);
    }),
  );
}
