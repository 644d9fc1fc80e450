import { withTenant } from "@/server/http/with-tenant";
import { listChannelConnections } from "@/server/modules/channels/channel.service";

/** Every channel connection of the tenant: status, masked hint, last error — never a secret. */
export const GET = withTenant({ permission: "settings:read" }, async ({ ctx }) =>
  Response.json({ items: await listChannelConnections(ctx) }),
);
