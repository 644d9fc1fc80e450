import Link from "next/link";
import { Card } from "@/components/card";
import { cn } from "@/components/cn";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { FeedbackList } from "@/features/inbox/feedback-list";
import { requireMember } from "@/server/http/require-member";
import { listFeedback } from "@/server/modules/feedback/feedback-inbox";
import { markFeedbackHandledAction } from "./actions";

export const metadata = { title: "Feedback · Inbox" };

export default async function FeedbackInboxPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ view?: string; page?: string }>;
}) {
  const { tenant: slug } = await params;
  const { ctx, can } = await requireMember(slug, `/t/${slug}/inbox/feedback`);
  const query = await searchParams;
  const list = await listFeedback(ctx, { view: query.view, page: query.page });
  const view = query.view === "all" ? "all" : "detractors";
  const base = `/t/${slug}/inbox/feedback`;
  const hrefFor = (v: string, page = 1) =>
    `${base}?${new URLSearchParams({ ...(v === "all" ? { view: "all" } : {}), ...(page > 1 ? { page: String(page) } : {}) })}`;
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href={`/t/${slug}/inbox`} className="hover:underline">
            Inbox
          </Link>
        }
        title="Feedback"
        description="Answers to the portal's “would you recommend us” question. Detractors (0–6) come here to be followed up; mark each one handled when someone has."
      />
      <nav aria-label="Feedback view" className="mb-4 flex gap-2">
        {(
          [
            ["detractors", `Detractors (${list.openDetractors} open)`],
            ["all", "All answers"],
          ] as const
        ).map(([key, label]) => (
          <Link
            key={key}
            href={hrefFor(key)}
            aria-current={view === key ? "page" : undefined}
            className={cn(
              "rounded-control px-3 py-1.5 text-sm font-medium",
              view === key ? "bg-brand-50 text-brand-700" : "text-fg-muted hover:bg-surface-muted hover:text-fg",
            )}
          >
            {label}
          </Link>
        ))}
      </nav>
      <Card
        title={view === "all" ? "All answers" : "Detractors"}
        description={`${list.total} answer${list.total === 1 ? "" : "s"}, newest first`}
        headingLevel={2}
        flush
      >
        {list.items.length === 0 ? (
          <p className="px-5 py-4 text-sm text-fg-muted">{view === "all" ? "No customer has answered yet." : "No detractor answers. Nothing to follow up."}</p>
        ) : (
          <FeedbackList items={list.items} tenantSlug={slug} markAction={can("customers:write") ? markFeedbackHandledAction : undefined} />
        )}
      </Card>
      <Pagination className="mt-4" page={list.page} pageSize={list.pageSize} total={list.total} hrefForPage={(page) => hrefFor(view, page)} noun="answers" />
    </>
  );
}
