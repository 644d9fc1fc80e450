import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";
import { cn } from "../cn";
import { menuItemClasses } from "./menu-item-styles";

export interface MenuItemLinkProps extends ComponentProps<typeof Link> {
  icon?: ReactNode;
}

/** A navigation row inside a MenuPopover (UserMenu children, for instance). */
export function MenuItemLink({ icon, className, children, ...props }: MenuItemLinkProps) {
  return (
    <Link {...props} className={cn(menuItemClasses, className)}>
      {icon}
      {children}
    </Link>
  );
}
