import Link from "next/link";
import { cn } from "@/components/cn";
import { OVERVIEW_PRESETS, type OverviewPeriod } from "@/server/modules/overview/overview.schemas";

/** The last 7, 30 or 90 days as links, and a custom range as a plain GET form (no script needed). */
export function PeriodPicker({ base, period }: { base: string; period: OverviewPeriod }) {
  return (
    <div className="mb-6 flex flex-col gap-3 lg:flex-row lg:items-end lg:justify-between">
      <nav aria-label="Period" className="flex flex-wrap gap-1.5">
        {OVERVIEW_PRESETS.map((preset) => (
          <Link
            key={preset}
            href={`${base}?period=${preset}`}
            aria-current={period.preset === preset ? "page" : undefined}
            className={cn(
              "rounded-full px-3 py-1 text-sm ring-1 ring-inset",
              period.preset === preset ? "bg-brand-50 font-medium text-brand-800 ring-brand-600/30" : "text-fg-muted ring-line hover:bg-surface-muted",
            )}
          >
            Last {preset} days
          </Link>
        ))}
      </nav>
      <form action={base} method="get" className="flex flex-wrap items-end gap-2 text-sm" aria-label="Custom period">
        <input type="hidden" name="period" value="custom" />
        <label className="flex flex-col gap-1 text-fg-muted">
          From
          <input type="date" name="from" required defaultValue={period.from} className="rounded-md border border-line bg-surface px-2 py-1 text-fg" />
        </label>
        <label className="flex flex-col gap-1 text-fg-muted">
          To
          <input type="date" name="to" required defaultValue={period.to} className="rounded-md border border-line bg-surface px-2 py-1 text-fg" />
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700">
          Show
        </button>
      </form>
    </div>
  );
}
