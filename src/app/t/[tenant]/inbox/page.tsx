import Link from "next/link";
import { Alert } from "@/components/alert";
import { ButtonLink } from "@/components/button-link";
import { Card } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { BulkSelection } from "@/features/inbox/bulk-selection";
import { InboxFiltersForm } from "@/features/inbox/inbox-filters";
import { InboxArrivals } from "@/features/inbox/inbox-arrivals";
import { filterParams, inboxHref } from "@/features/inbox/inbox-href";
import { MentionCard } from "@/features/inbox/mention-card";
import { SavedViews } from "@/features/inbox/saved-views";
import { TagAllMatching } from "@/features/inbox/tag-all-matching";
import { TriageAllMatching } from "@/features/inbox/triage-all-matching";
import { requireMember } from "@/server/http/require-member";
import { feedbackInboxCounts } from "@/server/modules/feedback/feedback-inbox";
import { INBOX_FILTER_KEYS, TAG_MATCHING_BATCH, ZInboxCursor, ZInboxFilters, type InboxFilters } from "@/server/modules/mentions/inbox/inbox.schemas";
import { listInboxOptions } from "@/server/modules/mentions/inbox/inbox-options";
import { isUnknownSegment } from "@/server/modules/mentions/inbox/inbox-segment-condition";
import { listInboxViews } from "@/server/modules/mentions/inbox/inbox-views";
import { listInbox } from "@/server/modules/mentions/inbox/list-inbox";
import { listMentionReplies } from "@/server/modules/mentions/inbox/reply-to-mention";
import { getBrandAccount } from "@/server/modules/brand-accounts/brand-accounts";
import {
  addMentionNoteAction,
  assignMentionAction,
  awardMentionBonusAction,
  deleteInboxViewAction,
  overrideSentimentAction,
  saveInboxViewAction,
  selectionAction,
  tagMatchingAction,
  tagMentionAction,
  triageMatchingAction,
  triageMentionsAction,
  untagMentionAction,
} from "./actions";
import { replyToMentionAction } from "./reply-actions";

export const metadata = { title: "Inbox" };

type SearchParams = Record<string, string | string[] | undefined>;

/** Filters from the URL, each validated on its own: one bad value is dropped (and said), not the rest. */
function filtersFrom(params: SearchParams): { filters: InboxFilters; dropped: string[] } {
  const filters: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const key of INBOX_FILTER_KEYS) {
    const raw = params[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined) continue;
    const parsed = ZInboxFilters.shape[key].safeParse(value);
    if (parsed.success) filters[key] = parsed.data;
    else dropped.push(key);
  }
  return { filters: ZInboxFilters.parse(filters), dropped };
}

export default async function InboxPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<SearchParams> }) {
  const { tenant: slug } = await params;
  const { ctx, can } = await requireMember(slug, `/t/${slug}/inbox`);
  const query = await searchParams;
  const { filters, dropped } = filtersFrom(query);
  const cursor = ZInboxCursor.safeParse(typeof query.after === "string" ? query.after : undefined);
  const after = typeof query.after === "string" && cursor.success ? query.after : undefined;
  // Before the list is read: a mention stored while it is being read is announced, not missed.
  const drawnAt = new Date().toISOString();
  const [page, options, counts, views] = await Promise.all([
    // A segment deleted since the link or view was made: said above the list, which is left empty.
    listInbox(ctx, { filters, after }).catch((error: unknown) => {
      if (isUnknownSegment(error)) return null;
      throw error;
    }),
    listInboxOptions(ctx),
    feedbackInboxCounts(ctx),
    listInboxViews(ctx),
  ]);
  const [replies, brandAccount] = await Promise.all([listMentionReplies(ctx, page?.items.map((item) => item.id) ?? []), getBrandAccount(ctx, "TWITTER")]);
  const base = `/t/${slug}/inbox`;
  const canModerate = can("mentions:moderate");
  const actions = canModerate
    ? {
        triage: triageMentionsAction,
        assign: assignMentionAction,
        note: addMentionNoteAction,
        sentiment: overrideSentimentAction,
        tag: tagMentionAction,
        untag: untagMentionAction,
        ...(can("ledger:adjust") ? { bonus: awardMentionBonusAction } : {}),
      }
    : undefined;
  return (
    <>
      <PageHeader
        title="Inbox"
        description="Every mention of the brand, customers' and prospects', newest first: read, answer, follow up."
        actions={
          <ButtonLink href={mentionsExportHref(slug, filters)} variant="secondary" prefetch={false} download>
            Export CSV
          </ButtonLink>
        }
      />
      <div className="min-w-0 space-y-6">
        <Card title="Feedback" headingLevel={2}>
          <p className="text-sm text-fg-muted">
            {counts.openDetractors === 0
              ? "No open detractor answer."
              : `${counts.openDetractors} open detractor answer${counts.openDetractors === 1 ? "" : "s"} to follow up.`}{" "}
            {counts.total} answer{counts.total === 1 ? "" : "s"} in all.
          </p>
          <Link href={`${base}/feedback`} className="mt-2 inline-block text-sm font-medium text-brand-700 hover:underline">
            Open Feedback
          </Link>
        </Card>
        <Card title="Filters" headingLevel={2}>
          {dropped.length > 0 && (
            <Alert tone="warning" className="mb-3">
              {`Ignored filter${dropped.length === 1 ? "" : "s"} we could not read: ${dropped.join(", ")}.`}
            </Alert>
          )}
          <InboxFiltersForm action={base} filters={filters} options={options} />
        </Card>
        <Card title="Saved views" description="Your own shortcuts to filtered inboxes." headingLevel={2}>
          <SavedViews views={views} filters={filters} base={base} tenantSlug={slug} actions={{ save: saveInboxViewAction, remove: deleteInboxViewAction }} />
        </Card>
        <Card title="Mentions" description={after ? "Older mentions" : "Newest first"} headingLevel={2} flush>
          {!page && (
            <div className="px-4 py-4 sm:px-5" data-testid="inbox-unknown-segment">
              <Alert
                tone="warning"
                role="none"
                title="This customer segment no longer exists in this brand"
                action={
                  <Link href={inboxHref(base, { ...filters, segment: undefined })} className="text-sm font-medium underline">
                    Show the inbox without it
                  </Link>
                }
              >
                It was deleted, or the link names another brand&apos;s segment: no mention is listed for it.
              </Alert>
            </div>
          )}
          {/* Only the first page is "newest first"; a key per drawing starts the count again after "Show them". */}
          {page && !after && <InboxArrivals key={drawnAt} tenantSlug={slug} query={filterParams(filters)} since={drawnAt} />}
          {actions && page && page.items.length > 0 && (
            <>
              <BulkSelection action={selectionAction} tenantSlug={slug} />
              <TriageAllMatching action={triageMatchingAction} tenantSlug={slug} filters={filters} />
              <TagAllMatching action={tagMatchingAction} tenantSlug={slug} filters={filters} batch={TAG_MATCHING_BATCH} />
            </>
          )}
          {page && page.items.length === 0 && (
            <p className="px-5 py-4 text-sm text-fg-muted" data-testid="inbox-empty">
              No mention matches.
            </p>
          )}
          {page && page.items.length > 0 && (
            <ul className="divide-y divide-line border-t border-line" data-testid="inbox-items">
              {page.items.map((item) => (
                <MentionCard
                  key={item.id}
                  item={item}
                  tenantSlug={slug}
                  actions={actions}
                  members={options.members}
                  selectable={canModerate}
                  replies={replies.get(item.id)}
                  reply={canModerate ? { action: replyToMentionAction, account: brandAccount } : undefined}
                />
              ))}
            </ul>
          )}
        </Card>
        <nav aria-label="Inbox pages" className="flex flex-wrap gap-4 text-sm">
          {after && (
            <Link href={inboxHref(base, filters)} className="font-medium text-brand-700 hover:underline">
              Back to the newest
            </Link>
          )}
          {page?.nextCursor && (
            <Link href={inboxHref(base, filters, page.nextCursor)} className="font-medium text-brand-700 hover:underline">
              Older mentions
            </Link>
          )}
        </nav>
      </div>
    </>
  );
}

/** The mentions export with the inbox's filters (not its page). */
function mentionsExportHref(slug: string, filters: InboxFilters): string {
  const qs = filterParams(filters);
  return `/api/v1/tenants/${encodeURIComponent(slug)}/mentions/export${qs ? `?${qs}` : ""}`;
}
