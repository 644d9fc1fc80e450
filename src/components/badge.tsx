import type { ReactNode } from "react";
import { cn } from "./cn";

export type BadgeTone = "neutral" | "success" | "warning" | "danger" | "info" | "brand";

export interface BadgeProps {
  tone?: BadgeTone;
  /** A small leading dot, for statuses (Active, Paused…). */
  dot?: boolean;
  className?: string;
  children: ReactNode;
}

// Each pair is dark text on a pale fill, all at or above 4.5:1. The ring adds
// an edge so pale badges still read on white cards.
const tones: Record<BadgeTone, { badge: string; dot: string }> = {
  neutral: { badge: "bg-zinc-100 text-zinc-700 ring-zinc-500/20", dot: "bg-zinc-500" },
  success: { badge: "bg-emerald-50 text-emerald-800 ring-emerald-600/20", dot: "bg-emerald-500" },
  warning: { badge: "bg-amber-50 text-amber-800 ring-amber-600/25", dot: "bg-amber-500" },
  danger: { badge: "bg-red-50 text-red-700 ring-red-600/20", dot: "bg-red-500" },
  info: { badge: "bg-sky-50 text-sky-800 ring-sky-600/20", dot: "bg-sky-500" },
  brand: { badge: "bg-brand-50 text-brand-800 ring-brand-600/20", dot: "bg-brand-500" },
};

/**
 * A short status or category label. Colour is never the only signal: the
 * text itself must say the status (WCAG 1.4.1).
 */
export function Badge({ tone = "neutral", dot = false, className, children }: BadgeProps) {
  const style = tones[tone];
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        style.badge,
        className,
      )}
    >
      {dot && <span aria-hidden="true" className={cn("size-1.5 rounded-full", style.dot)} />}
      {children}
    </span>
  );
}
