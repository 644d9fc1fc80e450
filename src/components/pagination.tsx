import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClasses } from "./button-styles";
import { cn } from "./cn";
import { ChevronLeftIcon, ChevronRightIcon } from "./icons";

export interface PaginationProps {
  /** 1-based current page. */
  page: number;
  pageSize: number;
  /** Total number of items across all pages. */
  total: number;
  /** Builds the URL of a page, keeping the other search params (q, filters). */
  hrefForPage: (page: number) => string;
  /** Names the nav landmark; give each a distinct label if a page has several. */
  label?: string;
  /** What is being counted, plural, e.g. "customers" (default "results"). */
  noun?: string;
  className?: string;
}

const numberFormat = new Intl.NumberFormat("en-US");

/**
 * Link-based pagination, rendered on the server: every page is a real URL,
 * so it works without JavaScript, survives reloads and can be shared.
 * hrefForPage is a function, so use this from a server component (or a
 * client component that owns the function), not across the boundary.
 */
export function Pagination({ page, pageSize, total, hrefForPage, label = "Pagination", noun = "results", className }: PaginationProps) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  // A hand-edited URL can ask for page 0 or page 99: never show a negative
  // or inverted range, and let "Previous" lead back to the last real page.
  const current = Math.max(1, Math.floor(page));
  const pastEnd = current > pageCount;
  const from = (current - 1) * pageSize + 1;
  const to = Math.min(current * pageSize, total);
  const hasPrev = current > 1;
  const hasNext = current < pageCount;
  const prevPage = pastEnd ? pageCount : current - 1;

  return (
    <nav aria-label={label} className={cn("flex flex-wrap items-center justify-between gap-3 py-3", className)}>
      <p className="text-sm text-fg-muted" aria-live="polite">
        {total === 0 ? (
          `No ${noun}`
        ) : pastEnd ? (
          `Page ${current} is past the last page (${pageCount})`
        ) : (
          <>
            Showing <span className="font-medium text-fg tabular-nums">{numberFormat.format(from)}</span>–
            <span className="font-medium text-fg tabular-nums">{numberFormat.format(to)}</span> of{" "}
            <span className="font-medium text-fg tabular-nums">{numberFormat.format(total)}</span> {noun}
          </>
        )}
      </p>
      {(pageCount > 1 || pastEnd) && (
        <div className="flex items-center gap-2">
          {!pastEnd && (
            <span className="hidden text-sm text-fg-subtle sm:inline">
              Page {current} of {pageCount}
            </span>
          )}
          <PageLink href={hasPrev ? hrefForPage(prevPage) : undefined} rel="prev">
            <ChevronLeftIcon />
            Previous
          </PageLink>
          <PageLink href={hasNext ? hrefForPage(current + 1) : undefined} rel="next">
            Next
            <ChevronRightIcon />
          </PageLink>
        </div>
      )}
    </nav>
  );
}

function PageLink({ href, rel, children }: { href: string | undefined; rel: "prev" | "next"; children: ReactNode }) {
  const className = buttonClasses({ variant: "secondary", size: "sm" });
  // A disabled link: no href (so it is not focusable or clickable) and
  // aria-disabled + role="link" so it is still announced as an unavailable link.
  if (!href) {
    return (
      <a role="link" aria-disabled="true" className={className}>
        {children}
      </a>
    );
  }
  return (
    <Link href={href} rel={rel} className={className}>
      {children}
    </Link>
  );
}
