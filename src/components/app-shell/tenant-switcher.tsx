"use client";

import Link from "next/link";
import { cn } from "../cn";
import { CheckIcon, ChevronUpDownIcon, PlusIcon } from "../icons";
import { initials } from "./initials";
import { MenuPopover } from "./menu-popover";
import { menuItemClasses } from "./menu-item-styles";

export interface TenantOption {
  slug: string;
  name: string;
  /** The user's role in that tenant, shown as-is after capitalising ("OWNER" -> "Owner"). */
  role: string;
  /** Where the item goes; defaults to `/t/<slug>`. A string, not a function, so it can come from a server component. */
  href?: string;
}

export interface TenantSwitcherProps {
  tenants: readonly TenantOption[];
  /** Slug of the tenant being viewed. */
  currentSlug: string;
  /** Optional "Create brand" link at the bottom of the list. */
  createHref?: string;
}

function formatRole(role: string): string {
  const lower = role.toLowerCase().replace(/_/g, " ");
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

function TenantTile({ name, className }: { name: string; className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cn("flex size-7 shrink-0 items-center justify-center rounded-md bg-zinc-900 text-[11px] font-semibold text-white", className)}
    >
      {initials(name)}
    </span>
  );
}

/**
 * Shows the current brand (tenant) and lets the user jump to another.
 * Each option is a real link, so switching is a navigation the server
 * re-authorizes, not client state.
 */
export function TenantSwitcher({ tenants, currentSlug, createHref }: TenantSwitcherProps) {
  const current = tenants.find((tenant) => tenant.slug === currentSlug);

  return (
    <MenuPopover
      panelLabel="Switch brand"
      triggerLabel={current ? `Brand: ${current.name}. Switch brand` : "Choose a brand"}
      panelClassName="w-full min-w-60"
      triggerClassName="flex w-full items-center gap-2.5 rounded-control border border-line bg-surface px-2 py-1.5 text-left shadow-control hover:bg-surface-muted"
      trigger={
        <>
          <TenantTile name={current?.name ?? "?"} />
          <span className="min-w-0 flex-1">
            <span className="block truncate text-sm font-medium text-fg">{current?.name ?? "Choose a brand"}</span>
            {current && <span className="block truncate text-xs text-fg-subtle">{formatRole(current.role)}</span>}
          </span>
          <ChevronUpDownIcon className="size-4 shrink-0 text-fg-subtle" />
        </>
      }
    >
      <p className="px-2.5 pt-1.5 pb-1 text-xs font-medium text-fg-subtle">Brands</p>
      <ul className="space-y-0.5">
        {tenants.map((tenant) => {
          const isCurrent = tenant.slug === currentSlug;
          return (
            <li key={tenant.slug}>
              <Link
                href={tenant.href ?? `/t/${tenant.slug}`}
                aria-current={isCurrent ? "true" : undefined}
                className={cn(menuItemClasses, isCurrent && "bg-surface-muted/60")}
              >
                <TenantTile name={tenant.name} className="size-6 text-[10px]" />
                <span className="min-w-0 flex-1">
                  <span className="block truncate font-medium">{tenant.name}</span>
                  <span className="block truncate text-xs text-fg-subtle">{formatRole(tenant.role)}</span>
                </span>
                {isCurrent && (
                  <>
                    <CheckIcon className="size-4 text-brand-600" />
                    <span className="sr-only">(current)</span>
                  </>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
      {createHref && (
        <div className="mt-1.5 border-t border-line pt-1.5">
          <Link href={createHref} className={menuItemClasses}>
            <PlusIcon />
            Create brand
          </Link>
        </div>
      )}
    </MenuPopover>
  );
}
