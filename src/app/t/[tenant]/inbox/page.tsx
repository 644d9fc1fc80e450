import Link from "next/link";
import { Card } from "@/components/card";
import { ComingSoon } from "@/components/coming-soon";
import { PageHeader } from "@/components/page-header";
import { MENTIONS_INBOX_PLAN } from "@/features/shell/planned-sections";
import { requireMember } from "@/server/http/require-member";
import { feedbackInboxCounts } from "@/server/modules/feedback/feedback-inbox";

export const metadata = { title: "Inbox" };

export default async function InboxPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const { ctx } = await requireMember(tenant, `/t/${tenant}/inbox`);
  const counts = await feedbackInboxCounts(ctx);
  return (
    <>
      <PageHeader title="Inbox" description="What customers told you, to read and follow up." />
      <div className="space-y-6">
        <Card title="Feedback" headingLevel={2}>
          <p className="text-sm text-fg-muted">
            {counts.openDetractors === 0
              ? "No open detractor answer."
              : `${counts.openDetractors} open detractor answer${counts.openDetractors === 1 ? "" : "s"} to follow up.`}{" "}
            {counts.total} answer{counts.total === 1 ? "" : "s"} in all.
          </p>
          <Link href={`/t/${tenant}/inbox/feedback`} className="mt-2 inline-block text-sm font-medium text-brand-700 hover:underline">
            Open Feedback
          </Link>
        </Card>
        <ComingSoon
          title="Mentions are on their way"
          description="The mentions inbox is not built yet. When it ships, it will give you:"
          capabilities={MENTIONS_INBOX_PLAN}
        />
      </div>
    </>
  );
}
