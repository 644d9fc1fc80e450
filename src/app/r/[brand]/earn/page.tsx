import type { Metadata } from "next";
import { PortalFrame } from "@/features/portal/portal-frame";
import { WaysToEarnList } from "@/features/portal/ways-to-earn-list";
import { visitPortal } from "@/server/http/require-customer";
import { loadWaysToEarn } from "@/server/modules/portal/load-ways-to-earn";
import { myProfile } from "@/server/modules/portal/my-profile";
import { signOutOfPortalAction } from "../actions";

export const metadata: Metadata = { title: "Ways to earn" };

export default async function WaysToEarnPage({ params }: { params: Promise<{ brand: string }> }) {
  const { brand: slug } = await params;
  const { brand, cctx } = await visitPortal(slug);
  const [ways, profile] = await Promise.all([loadWaysToEarn(brand.scope), cctx ? myProfile(cctx) : null]);
  return (
    <PortalFrame
      slug={brand.scope.tenantSlug}
      brandName={brand.name}
      theme={brand.theme}
      privacyPolicyUrl={brand.privacyPolicyUrl}
      customerName={profile?.displayName ?? null}
      active="earn"
      signOutAction={signOutOfPortalAction}
    >
      <h1 className="text-xl font-semibold text-fg">Ways to earn</h1>
      <WaysToEarnList view={ways} />
    </PortalFrame>
  );
}
