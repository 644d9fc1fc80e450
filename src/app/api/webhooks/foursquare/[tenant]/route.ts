import type { NextRequest } from "next/server";
import { AppError } from "@/server/errors";
import { clientIp } from "@/server/http/client-ip";
import { problemResponse } from "@/server/http/problem";
import { MAX_PUSH_BYTES, receiveFoursquarePush } from "@/server/pipeline/checkins/receive-push";
import { otherMethods } from "@/server/http/route-methods";

export const dynamic = "force-dynamic";

/**
 * Foursquare User Push receiver for one tenant: register
 * `<APP_URL>/api/webhooks/foursquare/<tenant slug>` as the push URL of the tenant's Foursquare app.
 * No session and no Origin check (Foursquare's servers call it); the push secret saved with the
 * tenant's Foursquare connection is the authentication. The check-in is queued, never ingested
 * here: 200 quickly, 401/400 problem+json for anything unverified or malformed, nothing stored;
 * 429 with Retry-After after repeated refusals from one IP or for one tenant.
 */
export async function POST(request: NextRequest, context: { params: Promise<{ tenant: string }> }): Promise<Response> {
  try {
    const { tenant } = await context.params;
    if (Number(request.headers.get("content-length") ?? "0") > MAX_PUSH_BYTES) throw new AppError("BAD_REQUEST", "push payload too large");
    const receipt = await receiveFoursquarePush(tenant, await request.text(), request.headers.get("content-type") ?? "", {
      ip: clientIp(request.headers),
    });
    return Response.json({ ok: true, status: receipt.status });
  } catch (error) {
    return problemResponse(error, request.nextUrl.pathname);
  }
}

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods(["POST"]);
