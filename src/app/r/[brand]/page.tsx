import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/alert";
import { ButtonLink } from "@/components/button-link";
import { Card } from "@/components/card";
import { PointsHistory } from "@/features/portal/points-history";
import { PointsSummary } from "@/features/portal/points-summary";
import { TierProgress } from "@/features/portal/tier-progress";
import { tierStatus } from "@/server/modules/tiers/tier-status";
import { PortalFrame } from "@/features/portal/portal-frame";
import { WaysToEarnList } from "@/features/portal/ways-to-earn-list";
import { visitPortal } from "@/server/http/require-customer";
import { loadWaysToEarn } from "@/server/modules/portal/load-ways-to-earn";
import { myLedger, myPointsSummary } from "@/server/modules/portal/my-points";
import { myProfile } from "@/server/modules/portal/my-profile";
import { signOutOfPortalAction } from "./actions";

export const metadata: Metadata = { title: "Rewards" };

export default async function PortalHomePage({ params, searchParams }: { params: Promise<{ brand: string }>; searchParams: Promise<{ erased?: string }> }) {
  const { brand: slug } = await params;
  const erased = (await searchParams).erased === "1";
  const { brand, cctx } = await visitPortal(slug);
  const base = `/r/${brand.scope.tenantSlug}`;

  if (!cctx) {
    const ways = await loadWaysToEarn(brand.scope);
    return (
      <PortalFrame
        slug={brand.scope.tenantSlug}
        brandName={brand.name}
        theme={brand.theme}
        privacyPolicyUrl={brand.privacyPolicyUrl}
        customerName={null}
        active="home"
        signOutAction={signOutOfPortalAction}
      >
        {erased && (
          <Alert tone="success" role="status">
            Your account is erased and you are signed out. Thank you for being part of {brand.name} rewards.
          </Alert>
        )}
        <section className="space-y-3 py-2">
          <h1 className="text-2xl font-semibold text-fg">Earn rewards for talking about {brand.name}</h1>
          <p className="text-sm text-fg-muted">Link your X or Foursquare account, post and check in as you already do, and spend the points on rewards.</p>
          <ButtonLink href={`${base}/sign-in`} fullWidth>
            Sign in or join with your email
          </ButtonLink>
        </section>
        <Card title="Ways to earn">
          <WaysToEarnList view={ways} />
        </Card>
      </PortalFrame>
    );
  }

  const [profile, summary, recent, tier] = await Promise.all([myProfile(cctx), myPointsSummary(cctx), myLedger(cctx, brand.name, null, 5), tierStatus(cctx)]);
  return (
    <PortalFrame
      slug={brand.scope.tenantSlug}
      brandName={brand.name}
      theme={brand.theme}
      privacyPolicyUrl={brand.privacyPolicyUrl}
      customerName={profile.displayName}
      active="home"
      signOutAction={signOutOfPortalAction}
    >
      <h1 className="text-xl font-semibold text-fg">Hi {profile.displayName}</h1>
      <PointsSummary summary={summary} />
      <TierProgress status={tier} />
      <Card
        title="Latest points"
        actions={
          <Link href={`${base}/points`} className="text-sm font-medium text-brand-700 hover:underline">
            See all
          </Link>
        }
      >
        <PointsHistory lines={recent.lines} emptyHint="Points you earn by posting, checking in and sharing show up here, each with the reason." />
      </Card>
      <p className="flex flex-wrap gap-x-6 gap-y-2 text-sm text-fg-muted">
        <Link href={`${base}/earn`} className="font-medium text-brand-700 hover:underline">
          How to earn more points →
        </Link>
        <Link href={`${base}/feedback`} className="font-medium text-brand-700 hover:underline">
          Tell us how we did →
        </Link>
      </p>
    </PortalFrame>
  );
}
