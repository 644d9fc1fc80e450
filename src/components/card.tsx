import type { ReactNode } from "react";
import { cn } from "./cn";

export interface CardProps {
  /** Optional header; rendered as an h2 unless `headingLevel` says otherwise. */
  title?: ReactNode;
  description?: ReactNode;
  /** Buttons or links at the right of the header. */
  actions?: ReactNode;
  /** A muted strip under the body, e.g. form buttons. */
  footer?: ReactNode;
  headingLevel?: 2 | 3 | 4;
  /** Drop body padding for edge-to-edge content such as a table or list. */
  flush?: boolean;
  className?: string;
  children?: ReactNode;
}

/** A white panel on the grey canvas: the basic grouping unit of a page. */
export function Card({ title, description, actions, footer, headingLevel = 2, flush = false, className, children }: CardProps) {
  const Heading = `h${headingLevel}` as const;
  const hasHeader = Boolean(title || description || actions);

  return (
    <section className={cn("overflow-hidden rounded-card border border-line bg-surface shadow-card", className)}>
      {hasHeader && (
        <header className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 border-b border-line px-5 py-4">
          <div className="min-w-0">
            {title && <Heading className="text-[15px] font-semibold text-fg">{title}</Heading>}
            {description && <p className="mt-0.5 text-sm text-fg-muted">{description}</p>}
          </div>
          {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
        </header>
      )}
      {children !== undefined && <div className={flush ? undefined : "px-5 py-4"}>{children}</div>}
      {footer && <footer className="flex flex-wrap items-center justify-end gap-2 border-t border-line bg-surface-muted/60 px-5 py-3">{footer}</footer>}
    </section>
  );
}
