import type { ReactNode } from "react";
import { cn } from "./cn";
import { SparkleIcon } from "./icons";

export interface ComingSoonProps {
  /** The section's name, e.g. "Rewards". */
  title: ReactNode;
  /** One sentence on what the section is for. */
  description?: ReactNode;
  /** What the section will let people do, one item per capability. */
  capabilities: readonly string[];
  headingLevel?: 2 | 3;
  className?: string;
}

/**
 * A placeholder for a section that isn't built yet. It says so plainly and
 * lists what is planned; it never shows invented numbers or sample rows
 * that could be mistaken for real data.
 */
export function ComingSoon({ title, description, capabilities, headingLevel = 2, className }: ComingSoonProps) {
  const Heading = `h${headingLevel}` as const;
  return (
    <section className={cn("rounded-card border border-dashed border-zinc-300 bg-surface px-6 py-8 sm:px-8", className)}>
      <div className="flex items-center gap-2 text-xs font-semibold tracking-wide text-brand-700 uppercase">
        <SparkleIcon className="size-3.5" />
        Not built yet
      </div>
      <Heading className="mt-2 text-lg font-semibold text-fg">{title}</Heading>
      {description && <p className="mt-1 max-w-2xl text-sm text-fg-muted">{description}</p>}
      {capabilities.length > 0 && (
        <>
          <p className="mt-5 text-sm font-medium text-fg">When it is ready, you will be able to:</p>
          <ul className="mt-2 space-y-2">
            {capabilities.map((capability) => (
              <li key={capability} className="flex items-start gap-2.5 text-sm text-fg-muted">
                {/* A plain bullet, not a check mark: nothing here is done yet. */}
                <span aria-hidden="true" className="mt-2 size-1.5 shrink-0 rounded-full bg-brand-500" />
                {capability}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
