import { NextResponse } from "next/server";
import { withTenant } from "@/server/http/with-tenant";
import { appUrl } from "@/server/http/portal-route";
import { otherMethods } from "@/server/http/route-methods";
import { brandConnectCallbackUrl } from "@/server/modules/brand-accounts/brand-connect-urls";
import { finishBrandConnect } from "@/server/modules/brand-accounts/connect-brand-account";

export const dynamic = "force-dynamic";

/**
 * Where X sends the member back after its consent page for "Connect X". Every outcome goes back
 * to Channels: ?brandAccount=connected or ?brandAccount=<reason> (the page words each reason).
 */
export const GET = withTenant({ permission: "settings:write" }, async ({ ctx, request }) => {
  const q = request.nextUrl.searchParams;
  const outcome = await finishBrandConnect(
    ctx,
    { state: q.get("state") ?? undefined, code: q.get("code") ?? undefined, error: q.get("error") ?? undefined },
    { redirectUri: brandConnectCallbackUrl(ctx.tenantSlug, appUrl) },
  );
  const back = `/t/${ctx.tenantSlug}/settings/channels?brandAccount=${outcome.ok ? "connected" : outcome.failure}`;
  return NextResponse.redirect(appUrl(back), 303);
});

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served one.
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
