import { withTenant } from "@/server/http/with-tenant";
import { AppError } from "@/server/errors";
import { ZChannelPatchBody, ZChannelPutBody, ZNetworkParam, type NetworkName } from "@/server/modules/channels/channel.schemas";
import { deleteChannelConnection, findChannelConnection, saveChannelConnection, setChannelConnectionEnabled } from "@/server/modules/channels/channel.service";
import type { TenantContext } from "@/server/auth/tenant-context";
import { otherMethods } from "@/server/http/route-methods";

/**
 * /channels/twitter and /channels/foursquare: the network's connection ("default" label, or
 * ?label=…). PUT sets or replaces the credentials (write-only: the answer is the masked DTO).
 */
type Params = Record<string, string | string[] | undefined>;

function networkOf(params: Params): NetworkName {
  const parsed = ZNetworkParam.safeParse(params.network);
  if (!parsed.success) throw AppError.notFound("network");
  return parsed.data;
}

function labelOf(request: Request): string | undefined {
  return new URL(request.url).searchParams.get("label") ?? undefined;
}

async function existing(ctx: TenantContext, params: Params, request: Request) {
  const connection = await findChannelConnection(ctx, networkOf(params), labelOf(request));
  if (!connection) throw AppError.notFound("channel connection");
  return connection;
}

export const GET = withTenant({ permission: "settings:read" }, async ({ ctx, params, request }) => Response.json(await existing(ctx, params, request)));

export const PUT = withTenant({ permission: "settings:write", body: ZChannelPutBody }, async ({ ctx, params, request, body }) => {
  const network = networkOf(params);
  const label = body.label ?? labelOf(request);
  const before = await findChannelConnection(ctx, network, label);
  const saved = await saveChannelConnection(ctx, { network, label, credentials: body.credentials } as Parameters<typeof saveChannelConnection>[1]);
  return Response.json(saved, { status: before ? 200 : 201 });
});

export const PATCH = withTenant({ permission: "settings:write", body: ZChannelPatchBody }, async ({ ctx, params, request, body }) => {
  const connection = await existing(ctx, params, request);
  return Response.json(await setChannelConnectionEnabled(ctx, connection.id, body.enabled));
});

export const DELETE = withTenant({ permission: "settings:write" }, async ({ ctx, params, request }) => {
  const connection = await existing(ctx, params, request);
  return Response.json(await deleteChannelConnection(ctx, connection.id));
});

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, POST } = otherMethods(["GET", "PUT", "PATCH", "DELETE"]);
