"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useId, type ReactNode } from "react";
import { cn } from "../cn";

export interface SidebarNavItem {
  href: string;
  label: string;
  /** A decorative icon element, e.g. <InboxIcon />. */
  icon?: ReactNode;
  /** Small trailing content, e.g. an unread count. */
  badge?: ReactNode;
  /** Only active on this exact path, not its sub-pages (for an overview at the tenant root). */
  exact?: boolean;
}

export interface SidebarNavProps {
  items: readonly SidebarNavItem[];
  /** Visible group heading; also names the nav landmark. */
  heading?: string;
  /** Landmark name when there is no heading (default "Main"). */
  label?: string;
}

function matches(pathname: string, item: SidebarNavItem): boolean {
  if (pathname === item.href) return true;
  return !item.exact && pathname.startsWith(item.href.endsWith("/") ? item.href : `${item.href}/`);
}

/**
 * Primary navigation. The item whose href is the longest match of the
 * current path is marked aria-current="page", so /t/acme/customers/42
 * highlights "Customers" and not also the overview at /t/acme.
 */
export function SidebarNav({ items, heading, label = "Main" }: SidebarNavProps) {
  const pathname = usePathname();
  const headingId = useId();
  const active = items.filter((item) => matches(pathname, item)).sort((a, b) => b.href.length - a.href.length)[0];

  return (
    <nav aria-labelledby={heading ? headingId : undefined} aria-label={heading ? undefined : label}>
      {heading && (
        <h2 id={headingId} className="px-2.5 pb-1.5 text-xs font-medium text-fg-subtle">
          {heading}
        </h2>
      )}
      <ul className="space-y-0.5">
        {items.map((item) => {
          const isActive = item === active;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={isActive ? "page" : undefined}
                className={cn(
                  "group flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors",
                  "[&>svg]:size-4 [&>svg]:shrink-0",
                  isActive
                    ? "bg-brand-50 text-brand-800 [&>svg]:text-brand-600"
                    : "text-fg-muted hover:bg-surface-muted hover:text-fg [&>svg]:text-fg-subtle hover:[&>svg]:text-fg-muted",
                )}
              >
                {item.icon}
                <span className="min-w-0 flex-1 truncate">{item.label}</span>
                {item.badge}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
