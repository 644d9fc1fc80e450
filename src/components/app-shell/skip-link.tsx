export interface SkipLinkProps {
  /** Fragment of the main content element (AppShell's <main> has id "main-content"). */
  href?: string;
  children?: string;
}

/**
 * The first focusable element of every page: lets keyboard and screen-reader
 * users jump past the sidebar (WCAG 2.4.1). Invisible until focused.
 */
export function SkipLink({ href = "#main-content", children = "Skip to content" }: SkipLinkProps) {
  return (
    <a
      href={href}
      className="sr-only rounded-control bg-surface px-4 py-2 text-sm font-medium text-fg shadow-popover focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50"
    >
      {children}
    </a>
  );
}
