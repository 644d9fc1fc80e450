import type { ComponentPropsWithRef, ReactNode } from "react";
import { cn } from "../cn";
import { menuItemClasses } from "./menu-item-styles";

export interface MenuItemButtonProps extends ComponentPropsWithRef<"button"> {
  icon?: ReactNode;
}

/**
 * An action row inside a MenuPopover. Put it in a <form action={…}> with
 * type="submit" for server actions (sign out), so it works without JS.
 */
export function MenuItemButton({ icon, className, children, ...props }: MenuItemButtonProps) {
  return (
    <button {...props} className={cn(menuItemClasses, className)}>
      {icon}
      {children}
    </button>
  );
}
