"use client";

import type { ReactNode } from "react";
import { ChevronDownIcon, LogoutIcon } from "../icons";
import { initials } from "./initials";
import { MenuItemButton } from "./menu-item-button";
import { MenuItemLink } from "./menu-item-link";
import { MenuPopover } from "./menu-popover";

export interface UserMenuLink {
  href: string;
  label: string;
  icon?: ReactNode;
}

export interface UserMenuProps {
  name?: string | null;
  email: string;
  /** Simple link items (Account, Notifications…). */
  links?: readonly UserMenuLink[];
  /**
   * A server action that signs the user out; rendered as
   * <form action={signOutAction}><button type="submit">, so it works without JS.
   * Omit it to render your own sign-out form as children.
   */
  signOutAction?: () => Promise<void>;
  /** Extra rows (MenuItemLink / MenuItemButton, forms), after `links`. */
  children?: ReactNode;
}

/** The signed-in user's avatar in the top bar, opening account links and sign out. */
export function UserMenu({ name, email, links, signOutAction, children }: UserMenuProps) {
  const display = name?.trim() || email;
  return (
    <MenuPopover
      align="end"
      panelLabel="Account"
      triggerLabel={`Account menu for ${display}`}
      triggerClassName="flex items-center gap-2 rounded-full p-0.5 pr-1.5 text-fg-muted hover:bg-surface-muted hover:text-fg"
      panelClassName="w-64"
      trigger={
        <>
          <span aria-hidden="true" className="flex size-8 items-center justify-center rounded-full bg-brand-100 text-xs font-semibold text-brand-800">
            {initials(display)}
          </span>
          <ChevronDownIcon className="size-3.5" />
        </>
      }
    >
      <div className="border-b border-line px-2.5 pt-1.5 pb-2.5">
        {name && <p className="truncate text-sm font-medium text-fg">{name}</p>}
        <p className="truncate text-sm text-fg-muted">{email}</p>
      </div>
      {(links?.length || children) && (
        <div className="space-y-0.5 pt-1.5">
          {links?.map((link) => (
            <MenuItemLink key={link.href} href={link.href} icon={link.icon}>
              {link.label}
            </MenuItemLink>
          ))}
          {children}
        </div>
      )}
      {signOutAction && (
        <form action={signOutAction} className="mt-1.5 border-t border-line pt-1.5">
          <MenuItemButton type="submit" icon={<LogoutIcon />}>
            Sign out
          </MenuItemButton>
        </form>
      )}
    </MenuPopover>
  );
}
