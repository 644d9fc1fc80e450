import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { rankAdvocates } from "../../../src/server/modules/advocates/advocate-leaderboard";
import { lifecycleFunnel } from "../../../src/server/modules/advocates/lifecycle-funnel";
import { listStageChanges } from "../../../src/server/modules/advocates/stage-history";
import { getStageRules } from "../../../src/server/modules/advocates/stage-rules";
import { getCustomer360 } from "../../../src/server/modules/customers/customer-360";
import { mergeSurvivorOf } from "../../../src/server/modules/customers/merge-preview";
import { feedbackInboxCounts } from "../../../src/server/modules/feedback/feedback-inbox";
import { listInboxOptions } from "../../../src/server/modules/mentions/inbox/inbox-options";
import type { InboxFilters } from "../../../src/server/modules/mentions/inbox/inbox.schemas";
import { listInboxViews } from "../../../src/server/modules/mentions/inbox/inbox-views";
import { listInbox } from "../../../src/server/modules/mentions/inbox/list-inbox";
import { readOverviewFigures } from "../../../src/server/modules/overview/overview-figures";
import { topAdvocates, topPosts } from "../../../src/server/modules/overview/overview-top";
import { periodFromSearch } from "../../../src/server/modules/overview/overview.schemas";

/*
 * What each screen's page.tsx asks the data layer for, composed as the page composes it (the
 * same functions, the same Promise.all), after its guard. Kept next to the pages' imports by
 * hand: when a page gains a call, add it here, or the bench under-counts that screen.
 */

/** Three filters and a full-text search, as a marketer would narrow the inbox. */
export const INBOX_SEARCH: InboxFilters = { network: "TWITTER", sentiment: "DETRACTOR", author: "customer", q: "refund" };

export interface Screen {
  key: "inbox" | "inboxSearch" | "overview" | "customer" | "advocates";
  label: string;
  /** The page's data calls, as the page makes them. */
  page: () => Promise<unknown>;
  /** Its main query function alone, for the breakdown. */
  main: { label: string; run: () => Promise<unknown> };
}

export function screens(ctx: TenantContext, busiestCustomerId: string): Screen[] {
  const inboxPage = (filters: InboxFilters) => Promise.all([listInbox(ctx, { filters }), listInboxOptions(ctx), feedbackInboxCounts(ctx), listInboxViews(ctx)]);
  const overviewPeriod = () => periodFromSearch({ period: "30" }).period;
  return [
    {
      key: "inbox",
      label: "inbox, first page, no filter",
      page: () => inboxPage({}),
      main: { label: "listInbox (no filter)", run: () => listInbox(ctx, { filters: {} }) },
    },
    {
      key: "inboxSearch",
      label: `inbox, first page, ${JSON.stringify(INBOX_SEARCH)}`,
      page: () => inboxPage(INBOX_SEARCH),
      main: { label: "listInbox (3 filters + search)", run: () => listInbox(ctx, { filters: INBOX_SEARCH }) },
    },
    {
      key: "overview",
      label: "overview, last 30 days",
      page: () => {
        const period = overviewPeriod();
        return Promise.all([readOverviewFigures(ctx, period), topAdvocates(ctx, period), topPosts(ctx, period)]);
      },
      main: { label: "readOverviewFigures (30 days)", run: () => readOverviewFigures(ctx, overviewPeriod()) },
    },
    {
      key: "customer",
      label: "customer 360 of the busiest customer",
      page: async () => {
        await mergeSurvivorOf(ctx, busiestCustomerId);
        const view = await getCustomer360(ctx, busiestCustomerId, { ledgerPage: 1 });
        await listStageChanges(ctx, view.customer.id);
      },
      main: { label: "getCustomer360", run: () => getCustomer360(ctx, busiestCustomerId, { ledgerPage: 1 }) },
    },
    {
      key: "advocates",
      label: "advocates leaderboard, 30 days by score, page 1",
      page: () => Promise.all([rankAdvocates(ctx, { period: "30d" }), lifecycleFunnel(ctx), getStageRules(ctx)]),
      main: { label: "rankAdvocates (30 days)", run: () => rankAdvocates(ctx, { period: "30d" }) },
    },
  ];
}

/** The overview's two ledger readers, timed on their own too: they read the period's ledger rows. */
export function overviewParts(ctx: TenantContext): { label: string; run: () => Promise<unknown> }[] {
  const period = () => periodFromSearch({ period: "30" }).period;
  return [
    { label: "topAdvocates (30 days)", run: () => topAdvocates(ctx, period()) },
    { label: "topPosts (30 days)", run: () => topPosts(ctx, period()) },
  ];
}
