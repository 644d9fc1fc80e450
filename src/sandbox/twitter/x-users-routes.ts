/** Users lookup: /2/users/me, /2/users/:id, /2/users?ids=, /2/users/by?usernames=, /2/users/by/username/:u. */
import { sendJson, type RequestContext } from "../http/http-kit";
import type { Router } from "../http/router";
import type { SandboxState } from "../sandbox-state";
import type { SandboxUser } from "../store/store-types";
import { READ_SCOPES, xEndpoint } from "./x-endpoint";
import { renderUser, userFieldSelection, type FieldSelection } from "./x-fields";
import { invalidParam, notFound, notFoundError } from "./x-problems";
import { checkUnknownParams } from "./x-timeline";

const FIELD_PARAMS = ["expansions", "tweet.fields", "user.fields", "post.fields"];
const USERNAME_RE = /^[A-Za-z0-9_]{1,15}$/;
const ID_RE = /^[0-9]{1,19}$/;

function one(ctx: RequestContext, state: SandboxState, user: SandboxUser | undefined, sel: FieldSelection, param: string, value: string, label: string): void {
  if (user) return sendJson(ctx, 200, { data: renderUser(user, sel.user) });
  if (state.toggles.legacyNotFound200) return sendJson(ctx, 200, { errors: [notFoundError("user", param, value, label)] });
  throw notFound("user", param, value, label);
}

function many(ctx: RequestContext, state: SandboxState, param: "ids" | "usernames", find: (v: string) => SandboxUser | undefined, re: RegExp): void {
  checkUnknownParams(ctx.query, [param, ...FIELD_PARAMS]);
  const raw = ctx.query.get(param);
  if (raw === null || raw === "") throw invalidParam(param, undefined, `The \`${param}\` query parameter can not be empty`);
  const values = raw.split(",");
  if (values.length > 100)
    throw invalidParam(param, raw, `The number of values in the \`${param}\` query parameter list [${values.length}] is not between 1 and 100`);
  for (const v of values) {
    if (!re.test(v)) throw invalidParam(param, v, `The \`${param}\` query parameter value [${v}] does not match ${re.source}`);
  }
  const sel = userFieldSelection(ctx.query);
  const data: Record<string, unknown>[] = [];
  const errors: Record<string, string>[] = [];
  for (const v of values) {
    const u = find(v);
    if (u) data.push(renderUser(u, sel.user));
    else errors.push(notFoundError("user", param, v, param === "ids" ? "ids" : "usernames"));
  }
  sendJson(ctx, 200, { ...(data.length ? { data } : {}), ...(errors.length ? { errors } : {}) });
}

export function registerUserRoutes(router: Router, state: SandboxState): void {
  router.on(
    "GET",
    "/2/users/me",
    xEndpoint(state, { key: "GET /2/users/me", auth: "user", scopes: READ_SCOPES }, (ctx, token) => {
      checkUnknownParams(ctx.query, FIELD_PARAMS);
      const sel = userFieldSelection(ctx.query);
      one(ctx, state, state.users.get(token.userId ?? ""), sel, "id", token.userId ?? "", "id");
    }),
  );
  router.on(
    "GET",
    "/2/users/by/username/:username",
    xEndpoint(state, { key: "GET /2/users/by/username/:username", auth: "any", scopes: READ_SCOPES }, (ctx) => {
      const name = ctx.params.username ?? "";
      if (!USERNAME_RE.test(name)) throw invalidParam("username", name, `The \`username\` query parameter value [${name}] does not match ^[A-Za-z0-9_]{1,15}$`);
      checkUnknownParams(ctx.query, FIELD_PARAMS);
      one(ctx, state, state.users.byUsername(name), userFieldSelection(ctx.query), "username", name, "username");
    }),
  );
  router.on(
    "GET",
    "/2/users/by",
    xEndpoint(state, { key: "GET /2/users/by", auth: "any", scopes: READ_SCOPES }, (ctx) =>
      many(ctx, state, "usernames", (v) => state.users.byUsername(v), USERNAME_RE),
    ),
  );
  router.on(
    "GET",
    "/2/users",
    xEndpoint(state, { key: "GET /2/users", auth: "any", scopes: READ_SCOPES }, (ctx) => many(ctx, state, "ids", (v) => state.users.get(v), ID_RE)),
  );
  router.on(
    "GET",
    "/2/users/:id",
    xEndpoint(state, { key: "GET /2/users/:id", auth: "any", scopes: READ_SCOPES }, (ctx) => {
      const id = ctx.params.id ?? "";
      if (!ID_RE.test(id)) throw invalidParam("id", id, `The \`id\` query parameter value [${id}] does not match ^[0-9]{1,19}$`);
      checkUnknownParams(ctx.query, FIELD_PARAMS);
      one(ctx, state, state.users.get(id), userFieldSelection(ctx.query), "id", id, "id");
    }),
  );
}
