import Link from "next/link";
import { Alert } from "@/components/alert";
import { Card } from "@/components/card";
import { cn } from "@/components/cn";
import { EmptyState } from "@/components/empty-state";
import { UsersIcon } from "@/components/icons";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { AdvocateLeaderboardList } from "@/features/advocates/advocate-leaderboard-list";
import { MEASURE_LABELS, PERIOD_LABELS } from "@/features/advocates/labels";
import { LifecycleFunnel } from "@/features/advocates/lifecycle-funnel";
import { StageRulesForm } from "@/features/advocates/stage-rules-form";
import { StageRulesSummary } from "@/features/advocates/stage-rules-summary";
import { requireMember } from "@/server/http/require-member";
import { rankAdvocates } from "@/server/modules/advocates/advocate-leaderboard";
import { SCORE_EXPLANATION } from "@/server/modules/advocates/advocate-score";
import { ADVOCATE_MEASURES, ADVOCATE_PERIODS, ZAdvocateLeaderboardQuery } from "@/server/modules/advocates/advocates.schemas";
import { lifecycleFunnel } from "@/server/modules/advocates/lifecycle-funnel";
import { getStageRules } from "@/server/modules/advocates/stage-rules";
import { safeParseInput } from "@/server/safe-input";
import { saveStageRulesAction } from "./actions";

export const metadata = { title: "Advocates" };

type Search = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const chip = (active: boolean) =>
  cn(
    "rounded-full px-3 py-1 text-sm ring-1 ring-inset",
    active ? "bg-brand-50 font-medium text-brand-800 ring-brand-600/30" : "text-fg-muted ring-line hover:bg-surface-muted",
  );

export default async function AdvocatesPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<Search> }) {
  const { tenant: slug } = await params;
  const raw = await searchParams;
  const base = `/t/${slug}/advocates`;
  const { ctx, can } = await requireMember(slug, base);
  const parsed = safeParseInput(ZAdvocateLeaderboardQuery, { period: first(raw.period), by: first(raw.by), page: first(raw.page) ?? "1" });
  const query = parsed.success ? parsed.data : ZAdvocateLeaderboardQuery.parse({});
  const [board, funnel, rules] = await Promise.all([rankAdvocates(ctx, query), lifecycleFunnel(ctx), getStageRules(ctx)]);
  const href = (overrides: { period?: string; by?: string; page?: number }) => {
    const next = new URLSearchParams();
    const merged = { period: board.period, by: board.by, page: board.page, ...overrides };
    if (merged.period !== "30d") next.set("period", merged.period);
    if (merged.by !== "score") next.set("by", merged.by);
    if (merged.page !== 1) next.set("page", String(merged.page));
    const qs = next.toString();
    return qs ? `${base}?${qs}` : base;
  };

  return (
    <>
      <PageHeader title="Advocates" description="Who speaks for the brand, and how customers move from prospect to advocate." />
      {!parsed.success && (
        <Alert tone="warning" className="mb-4">
          Some choices in the address were not valid and were ignored.
        </Alert>
      )}
      <section aria-labelledby="funnel-heading" className="mb-8">
        <h2 id="funnel-heading" className="mb-3 text-[15px] font-semibold text-fg">
          Lifecycle funnel
        </h2>
        <LifecycleFunnel stages={funnel} tenantSlug={slug} />
      </section>
      <section aria-labelledby="leaderboard-heading" className="mb-8">
        <h2 id="leaderboard-heading" className="text-[15px] font-semibold text-fg">
          Leaderboard
        </h2>
        <p className="mt-1 mb-3 text-sm text-fg-muted" data-testid="score-explanation">
          {SCORE_EXPLANATION} Reach is the followers of the customer&apos;s linked accounts today.
        </p>
        <nav aria-label="Period" className="mb-2 flex flex-wrap items-center gap-1.5">
          <span className="mr-1 text-sm text-fg-subtle">Period:</span>
          {ADVOCATE_PERIODS.map((period) => (
            <Link
              key={period}
              href={href({ period, page: 1 })}
              aria-current={board.period === period ? "page" : undefined}
              className={chip(board.period === period)}
            >
              {PERIOD_LABELS[period]}
            </Link>
          ))}
        </nav>
        <nav aria-label="Rank by" className="mb-4 flex flex-wrap items-center gap-1.5">
          <span className="mr-1 text-sm text-fg-subtle">Rank by:</span>
          {ADVOCATE_MEASURES.map((by) => (
            <Link key={by} href={href({ by, page: 1 })} aria-current={board.by === by ? "page" : undefined} className={chip(board.by === by)}>
              {MEASURE_LABELS[by]}
            </Link>
          ))}
        </nav>
        {board.total === 0 ? (
          <EmptyState icon={<UsersIcon />} title="No customers yet" description="Customers appear here once you add them or they mention the brand." />
        ) : (
          <>
            <AdvocateLeaderboardList rows={board.items} tenantSlug={slug} />
            <Pagination
              className="mt-4"
              page={board.page}
              pageSize={board.pageSize}
              total={board.total}
              hrefForPage={(page) => href({ page })}
              noun="customers"
            />
          </>
        )}
      </section>
      <Card
        title="Stage rules"
        description={
          rules.saved
            ? rules.rules.enabled
              ? "Applied every hour and right after a save."
              : "Saved but switched off: no customer is moved."
            : "Not saved yet: these are the suggested defaults, and nothing runs until you save them."
        }
        className="max-w-3xl"
      >
        {can("settings:write") ? (
          <StageRulesForm tenantSlug={slug} rules={rules.rules} action={saveStageRulesAction} />
        ) : (
          <StageRulesSummary rules={rules.rules} />
        )}
      </Card>
    </>
  );
}
