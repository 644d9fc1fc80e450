import { otherMethods } from "@/server/http/route-methods";
import { NextResponse } from "next/server";
import { appUrl, customerRoute } from "@/server/http/portal-route";
import { finishAccountLink } from "@/server/modules/portal/accounts/link-attempts";
import { accountsCallbackUrl } from "@/server/modules/portal/accounts/link-urls";

export const dynamic = "force-dynamic";

/**
 * Where the network sends the customer back after its consent page. Every outcome goes back to
 * the accounts page: ?linked=<profile> or ?error=<reason> (the page words each reason itself).
 */
export const GET = customerRoute(
  (slug) => `/r/${slug}/accounts`,
  async ({ brand, cctx, sessionToken }, url) => {
    const slug = brand.scope.tenantSlug;
    const q = url.searchParams;
    const outcome = await finishAccountLink(
      cctx,
      { state: q.get("state") ?? undefined, code: q.get("code") ?? undefined, error: q.get("error") ?? undefined },
      { token: sessionToken, redirectUri: accountsCallbackUrl(slug, appUrl) },
    );
    const back = outcome.ok ? `/r/${slug}/accounts?linked=${encodeURIComponent(outcome.profileId)}` : `/r/${slug}/accounts?error=${outcome.failure}`;
    return NextResponse.redirect(appUrl(back), 303);
  },
);

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served one.
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
