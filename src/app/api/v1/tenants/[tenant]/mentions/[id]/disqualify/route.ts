import { withTenant } from "@/server/http/with-tenant";
import { disqualifyMention } from "@/server/modules/mentions/moderation/disqualify-mention";
import { ZDisqualifyMention } from "@/server/modules/mentions/moderation/mention.schemas";
import { otherMethods } from "@/server/http/route-methods";

const id = (params: Record<string, string | string[] | undefined>) => String(params.id ?? "");

/** `{ reason }`: the mention is DISQUALIFIED and its awards reversed; repeating it changes nothing. */
export const POST = withTenant({ permission: "mentions:moderate", body: ZDisqualifyMention }, async ({ ctx, params, body }) =>
  Response.json(await disqualifyMention(ctx, id(params), body)),
);

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods(["POST"]);
