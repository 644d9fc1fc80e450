import { idempotencyKeyOf } from "@/server/http/idempotency-key";
import { otherMethods } from "@/server/http/route-methods";
import { withTenant } from "@/server/http/with-tenant";
import { adjustPoints } from "@/server/modules/ledger/adjust-points";
import { listLedgerEntries } from "@/server/modules/ledger/ledger-queries";
import { ZApiAdjustPoints, ZLedgerPageQuery } from "@/server/modules/ledger/ledger.schemas";

const id = (params: Record<string, string | string[] | undefined>) => String(params.id ?? "");

/** The customer's ledger, newest first, each entry with its explanation. */
export const GET = withTenant({ permission: "ledger:read", query: ZLedgerPageQuery }, async ({ ctx, params, query }) =>
  Response.json(await listLedgerEntries(ctx, id(params), query)),
);

/** A manual adjustment (`amount`, `reason`), idempotent by its key: 201 when applied, 200 when the key was already used. */
export const POST = withTenant({ permission: "ledger:adjust", body: ZApiAdjustPoints }, async ({ ctx, params, body, request }) => {
  const idempotencyKey = idempotencyKeyOf(request, body.idempotencyKey);
  const result = await adjustPoints(ctx, { ...body, customerId: id(params), idempotencyKey });
  return Response.json(result, { status: result.replayed ? 200 : 201 });
});

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
