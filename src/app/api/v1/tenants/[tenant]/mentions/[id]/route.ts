import { otherMethods } from "@/server/http/route-methods";
import { withTenant } from "@/server/http/with-tenant";
import { getMention } from "@/server/modules/mentions/moderation/list-mentions";

/** One mention, as an item of GET …/mentions (with its points). */
export const GET = withTenant({ permission: "mentions:read" }, async ({ ctx, params }) => Response.json(await getMention(ctx, String(params.id ?? ""))));

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served one.
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
