import Link from "next/link";
import { cn } from "@/components/cn";
import { LOCATION_PERIODS, type LocationPeriod } from "@/server/modules/locations/location-performance.schemas";

export function PeriodNav({ current, hrefFor }: { current: LocationPeriod; hrefFor: (days: LocationPeriod) => string }) {
  return (
    <nav aria-label="Period" className="mb-4 flex flex-wrap gap-1.5">
      {LOCATION_PERIODS.map((days) => (
        <Link
          key={days}
          href={hrefFor(days)}
          aria-current={current === days ? "page" : undefined}
          className={cn(
            "rounded-full px-3 py-1 text-sm ring-1 ring-inset",
            current === days ? "bg-brand-50 font-medium text-brand-800 ring-brand-600/30" : "text-fg-muted ring-line hover:bg-surface-muted",
          )}
        >
          Last {days} days
        </Link>
      ))}
    </nav>
  );
}

const num = new Intl.NumberFormat("en-US");
export function formatFigure(n: number | null): string {
  return n === null ? "—" : num.format(n);
}
