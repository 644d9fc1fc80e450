import { Card } from "@/components/card";
import { NETWORK_LABELS } from "@/features/listening/labels";
import { NETWORK_KEYS, SENTIMENT_KEYS, type OverviewFigures, type OverviewTopAdvocate, type OverviewTopPost } from "@/server/modules/overview/overview.schemas";
import { BreakdownList } from "./breakdown-list";
import { FigureLink } from "./figure-link";
import { MentionsChart } from "./mentions-chart";
import { fmt, overviewLinks } from "./overview-links";
import { TopAdvocates, TopPosts } from "./top-lists";

const SENTIMENT_NAMES = { PROMOTER: "Positive", PASSIVE: "Neutral", DETRACTOR: "Negative", NONE: "No label" } as const;
const SENTIMENT_FILTER = { PROMOTER: "PROMOTER", PASSIVE: "PASSIVE", DETRACTOR: "DETRACTOR", NONE: "UNLABELLED" } as const;
const KIND_NAMES: Record<string, string> = { KEYWORD: "keyword", HASHTAG: "hashtag", HANDLE: "handle", VENUE: "venue" };

export interface OverviewViewProps {
  slug: string;
  figures: OverviewFigures;
  advocates: OverviewTopAdvocate[];
  posts: OverviewTopPost[];
}

/** Every figure of the period, each a link to the list it counts (same days, same filter). */
export function OverviewView({ slug, figures, advocates, posts }: OverviewViewProps) {
  const { period } = figures;
  const links = overviewLinks(slug, period);
  const termTotal = figures.terms.reduce((sum, t) => sum + t.current, 0);
  const noMentions = figures.mentions.current === 0;
  return (
    <div className="flex min-w-0 flex-col gap-6">
      <p className="text-sm text-fg-muted" data-testid="overview-period">
        {period.from} to {period.to} ({period.days} days), compared with {period.previous.from} to {period.previous.to}.
      </p>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <FigureLink testId="figure-mentions" label="Mentions" figure={figures.mentions} href={links.mentions()} />
        <FigureLink
          testId="figure-links"
          label="New linked customers"
          figure={figures.linkedCustomers}
          href={links.linkedCustomers()}
          hint={`Customers who linked their first social account. Accounts linked in all: ${fmt(figures.links.current)}.`}
        />
        <FigureLink testId="figure-awarded" label="Points awarded" figure={figures.pointsAwarded} href={links.pointsAwarded()} />
        <FigureLink testId="figure-redeemed" label="Points redeemed" figure={figures.pointsRedeemed} href={links.pointsRedeemed()} />
        <FigureLink
          testId="figure-liability"
          label="Outstanding liability"
          figure={figures.liability}
          href={links.liability()}
          hint="Points held at the period's end: earned − redeemed − expired − reversed."
        />
      </div>

      <Card title="Mentions per day" description="Stacked by network." headingLevel={2}>
        {noMentions ? (
          <p className="text-sm text-fg-muted" data-testid="no-mentions">
            No mentions in this period.
          </p>
        ) : (
          <MentionsChart days={figures.mentionsByDay} />
        )}
      </Card>

      <div className="grid min-w-0 gap-6 lg:grid-cols-3">
        <Card title="By network" headingLevel={2} flush className="min-w-0">
          <BreakdownList
            testId="networks"
            label="Mentions by network"
            total={figures.mentions.current}
            rows={NETWORK_KEYS.map((n) => ({ key: n, label: NETWORK_LABELS[n], ...figures.mentionsByNetwork[n], href: links.mentions({ network: n }) }))}
          />
        </Card>
        <Card title="Sentiment mix" headingLevel={2} flush className="min-w-0">
          <BreakdownList
            testId="sentiment"
            label="Mentions by sentiment"
            total={figures.mentions.current}
            rows={SENTIMENT_KEYS.map((s) => ({
              key: s,
              label: SENTIMENT_NAMES[s],
              ...figures.sentiment[s],
              href: links.mentions({ sentiment: SENTIMENT_FILTER[s] }),
            }))}
          />
        </Card>
        <Card title="Share of voice by term" description="A post two terms found counts under both." headingLevel={2} flush className="min-w-0">
          {figures.terms.length === 0 ? (
            <p className="px-5 py-4 text-sm text-fg-muted">No tracked term found a mention in this period.</p>
          ) : (
            <BreakdownList
              testId="terms"
              label="Mentions by tracked term"
              total={termTotal}
              rows={figures.terms.map((t) => ({
                key: t.sourceId,
                label: t.value,
                detail: `${NETWORK_LABELS[t.network]} ${KIND_NAMES[t.kind] ?? t.kind}`,
                current: t.current,
                previous: t.previous,
                href: links.mentions({ source: t.sourceId }),
              }))}
            />
          )}
        </Card>
      </div>

      <div className="grid min-w-0 gap-6 lg:grid-cols-2">
        <Card title="Top advocates" description="Most points earned in the period." headingLevel={2} flush className="min-w-0">
          <TopAdvocates advocates={advocates} links={links} />
        </Card>
        <Card title="Top posts" description="Most points in the period, after any reversal." headingLevel={2} flush className="min-w-0">
          <TopPosts posts={posts} links={links} />
        </Card>
      </div>
    </div>
  );
}
