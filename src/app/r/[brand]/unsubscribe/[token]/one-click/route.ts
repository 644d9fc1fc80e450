import { NextResponse } from "next/server";
import { appUrl, portalVisitorRoute } from "@/server/http/portal-route";
import { otherMethods } from "@/server/http/route-methods";
import { unsubscribeWithToken } from "@/server/modules/notifications/notification-preferences";

/**
 * The List-Unsubscribe target: a mail provider's RFC 8058 one-click POST (body
 * "List-Unsubscribe=One-Click") or the confirm button of the unsubscribe page (which adds
 * via=page and is sent back to the page). Only a POST unsubscribes; a GET (a scanner, a client
 * opening the header's link) is sent to the confirm page.
 */
export const POST = portalVisitorRoute(async (brand, params, request) => {
  const form = await request.formData().catch(() => new FormData());
  await unsubscribeWithToken(brand.scope, params.token ?? "");
  const page = `/r/${brand.scope.tenantSlug}/unsubscribe/${params.token}`;
  if (form.get("via") === "page") return NextResponse.redirect(appUrl(`${page}?done=1`), 303);
  return new Response("Unsubscribed.\n", { status: 200, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
});

export const GET = portalVisitorRoute((brand, params) =>
  Promise.resolve(NextResponse.redirect(appUrl(`/r/${brand.scope.tenantSlug}/unsubscribe/${params.token}`), 303)),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
