import { withTenant } from "@/server/http/with-tenant";
import { ZPointRuleCreate, ZPointRuleListQuery } from "@/server/modules/rules/point-rule.schemas";
import { createPointRule, listPointRules } from "@/server/modules/rules/point-rule.service";
import { otherMethods } from "@/server/http/route-methods";

export const GET = withTenant({ permission: "settings:read", query: ZPointRuleListQuery }, async ({ ctx, query }) =>
  Response.json(await listPointRules(ctx, query)),
);

export const POST = withTenant({ permission: "settings:write", body: ZPointRuleCreate }, async ({ ctx, body }) =>
  Response.json(await createPointRule(ctx, body), { status: 201 }),
);

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
