import type { ReactNode } from "react";
import { cn } from "./cn";

export interface StatCardProps {
  /** What is measured, e.g. "Mentions this week". */
  label: ReactNode;
  /** The figure, already formatted by the caller (locale, units). */
  value: ReactNode;
  /** Context under the figure, e.g. "+12% vs last week" or "Since May 1". */
  hint?: ReactNode;
  icon?: ReactNode;
  className?: string;
}

/** One headline number for a dashboard grid. */
export function StatCard({ label, value, hint, icon, className }: StatCardProps) {
  return (
    <div className={cn("rounded-card border border-line bg-surface p-5 shadow-card", className)}>
      <div className="flex items-center justify-between gap-3">
        <p className="text-sm font-medium text-fg-muted">{label}</p>
        {icon && <span className="text-fg-subtle [&>svg]:size-4">{icon}</span>}
      </div>
      <p className="mt-2 text-3xl font-semibold tracking-tight text-fg tabular-nums">{value}</p>
      {hint && <p className="mt-1 text-[13px] text-fg-subtle">{hint}</p>}
    </div>
  );
}
