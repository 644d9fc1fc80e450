import { withTenant } from "@/server/http/with-tenant";
import { ZPointRuleUpdate } from "@/server/modules/rules/point-rule.schemas";
import { getPointRuleOrThrow, updatePointRule } from "@/server/modules/rules/point-rule.service";
import { otherMethods } from "@/server/http/route-methods";

const id = (params: Record<string, string | string[] | undefined>) => String(params.id ?? "");

export const GET = withTenant({ permission: "settings:read" }, async ({ ctx, params }) => Response.json(await getPointRuleOrThrow(ctx, id(params))));

/** Any subset of the editable fields; `{ "enabled": false }` disables the rule. */
export const PATCH = withTenant({ permission: "settings:write", body: ZPointRuleUpdate }, async ({ ctx, params, body }) =>
  Response.json(await updatePointRule(ctx, id(params), body)),
);

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, POST, PUT, DELETE } = otherMethods(["GET", "PATCH"]);
