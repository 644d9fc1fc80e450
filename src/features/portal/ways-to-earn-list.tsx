import { EmptyState } from "@/components/empty-state";

export interface WaysToEarnView {
  ways: { ruleId: string; text: string }[];
  boosts: { campaignId: string; text: string }[];
}

/** The brand's rules and running campaigns in words (load-ways-to-earn.ts); the words are the brand's own text, escaped by React. */
export function WaysToEarnList({ view }: { view: WaysToEarnView }) {
  if (view.ways.length === 0) {
    return <EmptyState title="Nothing to earn yet" description="This brand has not switched on any ways to earn points. Check back soon." />;
  }
  return (
    <div className="space-y-4">
      {view.boosts.length > 0 && (
        <ul className="space-y-2" aria-label="Running now">
          {view.boosts.map((boost) => (
            <li
              key={boost.campaignId}
              className="rounded-card border border-brand-200 bg-brand-50 px-4 py-3 text-sm font-medium text-brand-900"
              data-testid="portal-boost"
            >
              {boost.text}
            </li>
          ))}
        </ul>
      )}
      <ul className="divide-y divide-line rounded-card border border-line bg-surface" aria-label="Ways to earn">
        {view.ways.map((way) => (
          <li key={way.ruleId} className="px-4 py-3 text-sm text-fg" data-testid="portal-way">
            {way.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
