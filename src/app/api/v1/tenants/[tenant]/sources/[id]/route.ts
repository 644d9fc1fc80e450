import { withTenant } from "@/server/http/with-tenant";
import { ZSourceUpdate } from "@/server/modules/listening/source.schemas";
import { deleteSource, getSourceOrThrow, updateSource } from "@/server/modules/listening/source.service";
import { otherMethods } from "@/server/http/route-methods";

const id = (params: Record<string, string | string[] | undefined>) => String(params.id ?? "");

export const GET = withTenant({ permission: "settings:read" }, async ({ ctx, params }) => Response.json(await getSourceOrThrow(ctx, id(params))));

/** `{ enabled }`, `{ value }` (same kind; resets the cursor) or `{ connectionId }`. */
export const PATCH = withTenant({ permission: "settings:write", body: ZSourceUpdate }, async ({ ctx, params, body }) =>
  Response.json(await updateSource(ctx, id(params), body)),
);

export const DELETE = withTenant({ permission: "settings:write" }, async ({ ctx, params }) => Response.json(await deleteSource(ctx, id(params))));

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, POST, PUT } = otherMethods(["GET", "PATCH", "DELETE"]);
