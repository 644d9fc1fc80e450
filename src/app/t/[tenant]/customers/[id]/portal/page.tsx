import { Alert } from "@/components/alert";
import { Card } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { OlderPointsLink, PointsHistory } from "@/features/portal/points-history";
import { PointsSummary } from "@/features/portal/points-summary";
import { WaysToEarnList } from "@/features/portal/ways-to-earn-list";
import { notFoundUnlessFound } from "@/server/http/not-found";
import { requireMember } from "@/server/http/require-member";
import { loadWaysToEarn } from "@/server/modules/portal/load-ways-to-earn";
import { myLedger, myPointsSummary } from "@/server/modules/portal/my-points";
import { myProfile } from "@/server/modules/portal/my-profile";
import { previewPortalAs } from "@/server/modules/portal/preview-portal";
import { ZLedgerCursor } from "@/server/modules/portal/portal.schemas";

export const metadata = { title: "Portal preview" };

/** What the customer sees in the brand's portal, for staff answering "why these points?" (read-only, audited). */
export default async function CustomerPortalPreviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string; id: string }>;
  searchParams: Promise<{ after?: string }>;
}) {
  const { tenant: slug, id } = await params;
  const { ctx, tenant } = await requireMember(slug, `/t/${slug}/customers/${id}/portal`);
  const cctx = await notFoundUnlessFound(previewPortalAs(ctx, id));
  const after = ZLedgerCursor.safeParse((await searchParams).after);
  const [profile, summary, page, ways] = await Promise.all([
    myProfile(cctx),
    myPointsSummary(cctx),
    myLedger(cctx, tenant.name, after.success ? after.data : null),
    loadWaysToEarn(cctx),
  ]);
  return (
    <>
      <PageHeader eyebrow="Portal preview" title={profile.displayName} description={`What this customer sees in ${tenant.name}'s rewards portal.`} />
      <div className="mx-auto max-w-2xl space-y-4">
        <Alert tone="info">Read-only preview: nothing here acts for the customer, and each preview is recorded in the audit log.</Alert>
        <PointsSummary summary={summary} />
        <Card title="Every point, and why">
          <PointsHistory lines={page.lines} emptyHint="This customer has no points yet." />
          <OlderPointsLink href={page.nextCursor ? `/t/${slug}/customers/${id}/portal?after=${encodeURIComponent(page.nextCursor)}` : null} />
        </Card>
        <Card title="Ways to earn">
          <WaysToEarnList view={ways} />
        </Card>
      </div>
    </>
  );
}
