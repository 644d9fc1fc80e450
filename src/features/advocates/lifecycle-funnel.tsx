import Link from "next/link";
import type { LifecycleStage } from "@/server/modules/advocates/lifecycle-funnel";
import { STAGE_LABELS } from "../customers/stage-labels";

/** Live customers per stage, prospect → advocate; each stage opens the customers list filtered by it. */
export function LifecycleFunnel({ stages, tenantSlug }: { stages: { stage: LifecycleStage; count: number }[]; tenantSlug: string }) {
  const widest = Math.max(1, ...stages.map((s) => s.count));
  return (
    <ol className="grid gap-2 sm:grid-cols-4" aria-label="Lifecycle funnel">
      {stages.map(({ stage, count }) => (
        <li key={stage} className="min-w-0">
          <Link
            href={`/t/${tenantSlug}/customers?stage=${stage}`}
            className="block rounded-card border border-line bg-surface p-4 shadow-card hover:bg-surface-muted"
            data-testid={`funnel-${stage}`}
          >
            <span className="block text-sm text-fg-muted">{STAGE_LABELS[stage]}</span>
            <span className="block text-2xl font-semibold tabular-nums text-fg" data-testid="funnel-count">
              {count.toLocaleString("en-US")}
            </span>
            {/* An SVG width attribute, not a style attribute: the page's CSP refuses inline styles. */}
            <svg aria-hidden="true" className="mt-2 block h-1.5 w-full" viewBox="0 0 100 1" preserveAspectRatio="none">
              <rect width="100" height="1" rx="0.5" className="fill-brand-100" />
              <rect width={Math.round((count / widest) * 100)} height="1" rx="0.5" className="fill-brand-600" />
            </svg>
          </Link>
        </li>
      ))}
    </ol>
  );
}
