/** POST /2/tweets, DELETE /2/tweets/:id, GET /2/tweets?ids= and GET /2/tweets/:id. */
import { BodyParseError, HttpError, sendJson, type RequestContext } from "../http/http-kit";
import type { Router } from "../http/router";
import type { SandboxState } from "../sandbox-state";
import type { SandboxPost } from "../store/store-types";
import { READ_SCOPES, WRITE_SCOPES, xEndpoint } from "./x-endpoint";
import { buildIncludes, renderTweet, tweetFieldSelection } from "./x-fields";
import { DUPLICATE_BODY, FORBIDDEN_BODY, TOO_MANY_REQUESTS_BODY, forbidden, invalidParam, invalidRequest, notFound, notFoundError } from "./x-problems";
import { checkUnknownParams } from "./x-timeline";

const FIELD_PARAMS = ["expansions", "tweet.fields", "media.fields", "poll.fields", "place.fields", "user.fields", "post.fields"];
const ID_RE = /^[0-9]{1,19}$/;
const BODY_KEYS = new Set([
  "text",
  "reply",
  "quote_tweet_id",
  "media",
  "poll",
  "reply_settings",
  "for_super_followers_only",
  "direct_message_deep_link",
  "geo",
  "nullcast",
  "card_uri",
  "community_id",
  "share_with_followers",
  "made_with_ai",
  "paid_partnership",
]);

function live(state: SandboxState, id: string): SandboxPost | undefined {
  const p = state.posts.get(id);
  return p && !p.deleted ? p : undefined;
}

async function readJson(ctx: RequestContext): Promise<Record<string, unknown>> {
  try {
    return await ctx.body();
  } catch (err) {
    if (err instanceof BodyParseError) throw invalidRequest([{ parameter: "body", values: [], message: err.message }]);
    throw err;
  }
}

export function registerTweetRoutes(router: Router, state: SandboxState): void {
  router.on(
    "POST",
    "/2/tweets",
    xEndpoint(state, { key: "POST /2/tweets", auth: "user", scopes: WRITE_SCOPES }, async (ctx, token) => {
      // The app-wide 24-hour budget rides along as x-app-limit-24hour-* (twitter-api-v2: rateLimit.day).
      const day = state.xRateDay.consume("POST /2/tweets", "app", token.clientId);
      ctx.headers["x-app-limit-24hour-limit"] = String(day.limit);
      ctx.headers["x-app-limit-24hour-remaining"] = String(day.remaining);
      ctx.headers["x-app-limit-24hour-reset"] = String(day.reset);
      if (!day.allowed) throw new HttpError(429, TOO_MANY_REQUESTS_BODY);
      const body = await readJson(ctx);
      for (const key of Object.keys(body)) {
        if (!BODY_KEYS.has(key))
          throw invalidRequest([
            { parameter: key, values: [], message: `$.${key}: is not defined in the schema and the schema does not allow additional properties` },
          ]);
      }
      const text = typeof body.text === "string" ? body.text : undefined;
      if (text === undefined || text.trim() === "") {
        throw invalidRequest([{ parameter: "text", values: [], message: "$.text: is missing but it is required" }]);
      }
      if ([...text].length > 280) throw forbidden(FORBIDDEN_BODY);
      const author = state.users.get(token.userId ?? "");
      if (!author) throw forbidden();
      if (state.posts.duplicateOf(author.id, text)) throw forbidden(DUPLICATE_BODY);
      const reply = body.reply;
      if (
        reply !== undefined &&
        (reply === null || typeof reply !== "object" || typeof (reply as { in_reply_to_tweet_id?: unknown }).in_reply_to_tweet_id !== "string")
      ) {
        throw invalidRequest([{ parameter: "reply", values: [], message: "$.reply.in_reply_to_tweet_id: is missing but it is required" }]);
      }
      if (body.quote_tweet_id !== undefined && (typeof body.quote_tweet_id !== "string" || !ID_RE.test(body.quote_tweet_id))) {
        throw invalidRequest([{ parameter: "quote_tweet_id", values: [], message: "$.quote_tweet_id: does not match the regex pattern ^[0-9]{1,19}$" }]);
      }
      const replyTo = reply === undefined ? undefined : (reply as { in_reply_to_tweet_id: string }).in_reply_to_tweet_id;
      const quoteOf = body.quote_tweet_id;
      const ref = replyTo ?? quoteOf;
      const refPost = ref === undefined ? undefined : live(state, ref);
      if (ref !== undefined && !refPost) {
        throw forbidden({ ...FORBIDDEN_BODY, detail: "You attempted to reply to a Tweet that is deleted or not visible to you." });
      }
      const post = state.posts.add({
        ms: state.clock.now(),
        text,
        author,
        kind: replyTo ? "reply" : quoteOf ? "quote" : "original",
        refPost,
        source: "Megaphone (sandbox)",
      });
      state.posts.rememberText(post);
      author.tweetCount++;
      sendJson(ctx, 201, { data: { edit_history_tweet_ids: [post.id], id: post.id, text: post.text } });
    }),
  );

  router.on(
    "DELETE",
    "/2/tweets/:id",
    xEndpoint(state, { key: "DELETE /2/tweets/:id", auth: "user", scopes: WRITE_SCOPES }, (ctx, token) => {
      const id = ctx.params.id ?? "";
      if (!ID_RE.test(id)) throw invalidParam("id", id, `The \`id\` query parameter value [${id}] does not match ^[0-9]{1,19}$`);
      const post = live(state, id);
      if (!post) throw notFound("tweet", "id", id, "id");
      if (post.author.id !== token.userId) throw forbidden();
      state.posts.markDeleted(post, state.clock.now());
      sendJson(ctx, 200, { data: { deleted: true } });
    }),
  );

  router.on(
    "GET",
    "/2/tweets",
    xEndpoint(state, { key: "GET /2/tweets", auth: "any", scopes: READ_SCOPES }, (ctx) => {
      checkUnknownParams(ctx.query, ["ids", ...FIELD_PARAMS]);
      const raw = ctx.query.get("ids");
      if (raw === null || raw === "") throw invalidParam("ids", undefined, "The `ids` query parameter can not be empty");
      const ids = raw.split(",");
      if (ids.length > 100) throw invalidParam("ids", raw, `The number of values in the \`ids\` query parameter list [${ids.length}] is not between 1 and 100`);
      for (const id of ids) if (!ID_RE.test(id)) throw invalidParam("ids", id, `The \`ids\` query parameter value [${id}] does not match ^[0-9]{1,19}$`);
      const sel = tweetFieldSelection(ctx.query);
      const found: SandboxPost[] = [];
      const errors: Record<string, string>[] = [];
      for (const id of ids) {
        const p = live(state, id);
        if (p) found.push(p);
        else errors.push(notFoundError("tweet", "ids", id, "ids"));
      }
      const out: Record<string, unknown> = {};
      if (found.length) out.data = found.map((p) => renderTweet(p, sel.tweet, state.resolveUser));
      const includes = buildIncludes(found, sel, state.resolveUser, (id) => state.posts.get(id));
      if (includes) out.includes = includes;
      if (errors.length) out.errors = errors;
      sendJson(ctx, 200, out);
    }),
  );

  router.on(
    "GET",
    "/2/tweets/:id",
    xEndpoint(state, { key: "GET /2/tweets/:id", auth: "any", scopes: READ_SCOPES }, (ctx) => {
      const id = ctx.params.id ?? "";
      if (!ID_RE.test(id)) throw invalidParam("id", id, `The \`id\` query parameter value [${id}] does not match ^[0-9]{1,19}$`);
      checkUnknownParams(ctx.query, FIELD_PARAMS);
      const sel = tweetFieldSelection(ctx.query);
      const p = live(state, id);
      if (!p) {
        if (state.toggles.legacyNotFound200) return sendJson(ctx, 200, { errors: [notFoundError("tweet", "id", id, "id")] });
        throw notFound("tweet", "id", id, "id");
      }
      const includes = buildIncludes([p], sel, state.resolveUser, (x) => state.posts.get(x));
      sendJson(ctx, 200, { data: renderTweet(p, sel.tweet, state.resolveUser), ...(includes ? { includes } : {}) });
    }),
  );
}
