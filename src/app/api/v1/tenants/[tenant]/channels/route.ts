import { withTenant } from "@/server/http/with-tenant";
import { listChannelConnections } from "@/server/modules/channels/channel.service";
import { otherMethods } from "@/server/http/route-methods";

/** Every channel connection of the tenant: status, masked hint, last error — never a secret. */
export const GET = withTenant({ permission: "settings:read" }, async ({ ctx }) => Response.json({ items: await listChannelConnections(ctx) }));

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
