import type { Metadata } from "next";
import { Card } from "@/components/card";
import { OlderPointsLink, PointsHistory } from "@/features/portal/points-history";
import { PointsSummary } from "@/features/portal/points-summary";
import { PortalFrame } from "@/features/portal/portal-frame";
import { requireCustomer } from "@/server/http/require-customer";
import { myLedger, myPointsSummary } from "@/server/modules/portal/my-points";
import { myProfile } from "@/server/modules/portal/my-profile";
import { ZLedgerCursor } from "@/server/modules/portal/portal.schemas";
import { signOutOfPortalAction } from "../actions";

export const metadata: Metadata = { title: "My points" };

export default async function MyPointsPage({ params, searchParams }: { params: Promise<{ brand: string }>; searchParams: Promise<{ after?: string }> }) {
  const { brand: slug } = await params;
  const { brand, cctx } = await requireCustomer(slug, `/r/${slug}/points`);
  const after = ZLedgerCursor.safeParse((await searchParams).after);
  const [profile, summary, page] = await Promise.all([myProfile(cctx), myPointsSummary(cctx), myLedger(cctx, brand.name, after.success ? after.data : null)]);
  const base = `/r/${brand.scope.tenantSlug}/points`;
  return (
    <PortalFrame
      slug={brand.scope.tenantSlug}
      brandName={brand.name}
      theme={brand.theme}
      privacyPolicyUrl={brand.privacyPolicyUrl}
      customerName={profile.displayName}
      active="points"
      signOutAction={signOutOfPortalAction}
    >
      <h1 className="text-xl font-semibold text-fg">My points</h1>
      <PointsSummary summary={summary} />
      <Card title="Every point, and why">
        <PointsHistory lines={page.lines} emptyHint="Points you earn by posting, checking in and sharing show up here, each with the reason." />
        <OlderPointsLink href={page.nextCursor ? `${base}?after=${encodeURIComponent(page.nextCursor)}` : null} />
      </Card>
    </PortalFrame>
  );
}
