import type { ReactNode } from "react";
import { cn } from "./cn";

export interface EmptyStateProps {
  /** A decorative icon element, e.g. <InboxIcon />. */
  icon?: ReactNode;
  title: ReactNode;
  /** What the user can do to fill this space. */
  description?: ReactNode;
  /** A button or link that starts that action. */
  action?: ReactNode;
  /** Heading level, so the outline stays valid inside cards (default h2). */
  headingLevel?: 2 | 3 | 4;
  className?: string;
}

/** What a list or section shows when there is nothing in it yet. */
export function EmptyState({ icon, title, description, action, headingLevel = 2, className }: EmptyStateProps) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className={cn("flex flex-col items-center px-6 py-12 text-center", className)}>
      {icon && (
        <div className="mb-4 flex size-11 items-center justify-center rounded-full bg-brand-50 text-brand-700 ring-8 ring-brand-50/40 [&>svg]:size-5">
          {icon}
        </div>
      )}
      <Heading className="text-base font-semibold text-fg">{title}</Heading>
      {description && <p className="mt-1 max-w-sm text-sm text-pretty text-fg-muted">{description}</p>}
      {action && <div className="mt-5 flex flex-wrap justify-center gap-2">{action}</div>}
    </div>
  );
}
