/** GET /2/tweets/search/recent and GET /2/users/:id/mentions. */
import type { Router } from "../http/router";
import type { SandboxState } from "../sandbox-state";
import { QuerySyntaxError } from "./query-parser";
import { READ_SCOPES, xEndpoint } from "./x-endpoint";
import { notFound, notFoundError, invalidParam } from "./x-problems";
import { emptyQueryError, serveTimeline } from "./x-timeline";
import { sendJson } from "../http/http-kit";

const FIELD_PARAMS = ["expansions", "tweet.fields", "media.fields", "poll.fields", "place.fields", "user.fields", "post.fields"];
const SEARCH_PARAMS = [
  "query",
  "start_time",
  "end_time",
  "since_id",
  "until_id",
  "max_results",
  "next_token",
  "pagination_token",
  "sort_order",
  ...FIELD_PARAMS,
];
const MENTIONS_PARAMS = ["since_id", "until_id", "max_results", "pagination_token", "start_time", "end_time", ...FIELD_PARAMS];

export function registerSearchRoutes(router: Router, state: SandboxState): void {
  router.on(
    "GET",
    "/2/tweets/search/recent",
    xEndpoint(state, { key: "GET /2/tweets/search/recent", auth: "any", scopes: READ_SCOPES }, (ctx) => {
      const query = ctx.query.get("query");
      if (query === null || query.trim() === "") emptyQueryError();
      const maxLen = state.toggles.searchQueryMaxLen;
      if ([...query].length > maxLen) {
        throw invalidParam("query", query, `There were errors processing your request: Query length exceeds ${maxLen} characters (at position ${maxLen + 1})`);
      }
      const sort = ctx.query.get("sort_order");
      if (sort !== null && sort !== "recency" && sort !== "relevancy") {
        throw invalidParam("sort_order", sort, `The \`sort_order\` query parameter value [${sort}] is not one of [recency,relevancy]`);
      }
      try {
        serveTimeline(ctx, state, {
          endpoint: "search",
          query,
          allowedParams: SEARCH_PARAMS,
          minResults: 10,
          tokenParams: ["next_token", "pagination_token"],
          sevenDayWindow: true,
        });
      } catch (err) {
        if (err instanceof QuerySyntaxError) throw invalidParam("query", query, err.message);
        throw err;
      }
    }),
  );

  router.on(
    "GET",
    "/2/users/:id/mentions",
    xEndpoint(state, { key: "GET /2/users/:id/mentions", auth: "any", scopes: READ_SCOPES }, (ctx) => {
      const id = ctx.params.id ?? "";
      if (!/^[0-9]{1,19}$/.test(id)) throw invalidParam("id", id, `The \`id\` query parameter value [${id}] does not match ^[0-9]{1,19}$`);
      const user = state.users.get(id);
      if (!user) {
        if (state.toggles.legacyNotFound200) return sendJson(ctx, 200, { errors: [notFoundError("user", "id", id, "id")] });
        throw notFound("user", "id", id, "id");
      }
      serveTimeline(ctx, state, {
        endpoint: "mentions",
        query: `@${user.username}`,
        allowedParams: MENTIONS_PARAMS,
        minResults: 5,
        tokenParams: ["pagination_token"],
        sevenDayWindow: false,
        limitNewest: 800,
        previousToken: true,
      });
    }),
  );
}
