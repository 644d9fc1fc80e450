import type { Metadata } from "next";
import { Card } from "@/components/card";
import { LeaderboardList, LeaderboardTabs, MyStanding, PERIOD_LABELS } from "@/features/portal/leaderboard-board";
import { LeaderboardPreferencesForm } from "@/features/portal/leaderboard-preferences-form";
import { PortalFrame } from "@/features/portal/portal-frame";
import { requireCustomer } from "@/server/http/require-customer";
import { getLeaderboardPreferences, myLeaderboard, myRank } from "@/server/modules/leaderboard/leaderboard.service";
import { ZLeaderboardPeriod } from "@/server/modules/leaderboard/leaderboard.schemas";
import { myProfile } from "@/server/modules/portal/my-profile";
import { signOutOfPortalAction } from "../actions";
import { leaderboardPreferencesAction } from "./actions";

export const metadata: Metadata = { title: "Leaderboard" };

export default async function PortalLeaderboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ brand: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { brand: slug } = await params;
  const { brand, cctx } = await requireCustomer(slug, `/r/${slug}/leaderboard`);
  // Anything but a known period shows this month's board.
  const parsed = ZLeaderboardPeriod.safeParse((await searchParams).period);
  const period = parsed.success ? parsed.data : "month";
  const other = period === "month" ? "all" : "month";
  const [profile, board, otherRank, preferences] = await Promise.all([
    myProfile(cctx),
    myLeaderboard(cctx, period),
    myRank(cctx, other),
    getLeaderboardPreferences(cctx),
  ]);
  const ranks = period === "month" ? [board.me, otherRank] : [otherRank, board.me];
  const tenantSlug = brand.scope.tenantSlug;
  return (
    <PortalFrame
      slug={tenantSlug}
      brandName={brand.name}
      theme={brand.theme}
      privacyPolicyUrl={brand.privacyPolicyUrl}
      customerName={profile.displayName}
      active="leaderboard"
      signOutAction={signOutOfPortalAction}
    >
      <h1 className="text-xl font-semibold text-fg">Leaderboard</h1>
      <p className="text-sm text-fg-muted">{brand.name}&apos;s top advocates by points earned. Points spent on rewards still count here.</p>
      <div className="grid gap-2 sm:grid-cols-2">
        {ranks.map((rank) => (
          <MyStanding key={rank.period} rank={rank} />
        ))}
      </div>
      <LeaderboardTabs slug={tenantSlug} active={period} />
      <LeaderboardList rows={board.top.rows} label={`Top advocates, ${PERIOD_LABELS[period].toLowerCase()}`} />
      <Card title="How you appear" description="Other customers of this brand see this name next to your points.">
        <LeaderboardPreferencesForm slug={tenantSlug} displayName={preferences.displayName} optOut={preferences.optOut} action={leaderboardPreferencesAction} />
      </Card>
    </PortalFrame>
  );
}
