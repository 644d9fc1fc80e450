import type { ReactNode } from "react";
import { cn } from "./cn";

export interface PageHeaderProps {
  /** The page's h1. */
  title: ReactNode;
  description?: ReactNode;
  /** Primary page actions (buttons, links), right-aligned on wide screens. */
  actions?: ReactNode;
  /** Small text above the title, e.g. a breadcrumb link back to the list. */
  eyebrow?: ReactNode;
  className?: string;
}

/** The top of every page: one h1, what the page is for, and its main actions. */
export function PageHeader({ title, description, actions, eyebrow, className }: PageHeaderProps) {
  return (
    <div className={cn("flex flex-col gap-4 pb-6 sm:flex-row sm:items-end sm:justify-between", className)}>
      <div className="min-w-0">
        {eyebrow && <div className="mb-1 text-sm text-fg-muted">{eyebrow}</div>}
        <h1 className="text-2xl font-semibold tracking-tight text-balance text-fg">{title}</h1>
        {description && <p className="mt-1 max-w-2xl text-sm text-pretty text-fg-muted">{description}</p>}
      </div>
      {actions && <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div>}
    </div>
  );
}
