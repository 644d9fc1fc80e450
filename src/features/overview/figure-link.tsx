import Link from "next/link";
import type { Compared } from "@/server/modules/overview/overview.schemas";
import { comparison, fmt } from "./overview-links";

/** One headline figure; the whole card opens the list it counts. */
export function FigureLink({ label, figure, href, hint, testId }: { label: string; figure: Compared; href: string; hint?: string; testId: string }) {
  return (
    <Link
      href={href}
      data-testid={testId}
      className="block min-w-0 rounded-card border border-line bg-surface p-4 shadow-card hover:border-brand-600/40 focus-visible:outline-2 focus-visible:outline-brand-600"
    >
      <p className="text-sm font-medium text-fg-muted">{label}</p>
      <p className="mt-1 text-2xl font-semibold tracking-tight text-fg tabular-nums" data-testid={`${testId}-value`}>
        {fmt(figure.current)}
      </p>
      <p className="mt-1 text-[13px] text-fg-subtle" data-testid={`${testId}-previous`}>
        {comparison(figure.current, figure.previous)}
      </p>
      {hint && <p className="mt-1 text-[12px] text-fg-subtle">{hint}</p>}
    </Link>
  );
}
