"use client";

import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import { cn } from "../cn";

export interface MenuPopoverProps {
  /** Visible content of the trigger button. */
  trigger: ReactNode;
  /** Accessible name of the trigger when its content alone doesn't say what it opens. */
  triggerLabel?: string;
  triggerClassName?: string;
  /** Names the panel for screen readers, e.g. "Switch brand". */
  panelLabel: string;
  /** Which trigger edge the panel lines up with. */
  align?: "start" | "end";
  /** Open below (top bar) or above (sidebar footer) the trigger. */
  side?: "bottom" | "top";
  panelClassName?: string;
  children: ReactNode;
}

const ITEM_SELECTOR = 'a[href], button:not([disabled]), [role="menuitem"]';

/**
 * A disclosure popover holding links and buttons: the APG "disclosure
 * navigation" pattern rather than role="menu", because its items are plain
 * links and forms and should behave as such for screen readers.
 * Keyboard: Enter/Space toggles, ArrowDown/ArrowUp open and move between
 * items, Home/End jump, Escape closes and returns focus to the trigger,
 * tabbing or clicking outside closes.
 */
export function MenuPopover({
  trigger,
  triggerLabel,
  triggerClassName,
  panelLabel,
  align = "start",
  side = "bottom",
  panelClassName,
  children,
}: MenuPopoverProps) {
  const panelId = useId();
  const pathname = usePathname();
  // Remember on which route the menu was opened: navigating anywhere closes
  // it without an effect that syncs state to the route.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn !== null && openOn === pathname;
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  const close = (returnFocus: boolean) => {
    setOpenOn(null);
    if (returnFocus) buttonRef.current?.focus();
  };

  // Close on a pointer press outside the component.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpenOn(null);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  const items = () => Array.from(panelRef.current?.querySelectorAll<HTMLElement>(ITEM_SELECTOR) ?? []);

  const focusItem = (which: "first" | "last" | 1 | -1) => {
    const list = items();
    if (list.length === 0) return;
    const current = list.indexOf(document.activeElement as HTMLElement);
    let next: number;
    if (which === "first") next = 0;
    else if (which === "last") next = list.length - 1;
    else next = current === -1 ? 0 : (current + which + list.length) % list.length;
    list[next]?.focus();
  };

  const openAndFocus = (which: "first" | "last") => {
    setOpenOn(pathname);
    // The panel is in the DOM but `hidden` until React commits; focus after that.
    requestAnimationFrame(() => focusItem(which));
  };

  const onButtonKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      openAndFocus("first");
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      openAndFocus("last");
    }
  };

  const onRootKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!open) return;
    if (event.key === "Escape") {
      event.preventDefault();
      close(true);
      return;
    }
    if (!panelRef.current?.contains(event.target as Node)) return;
    const moves: Record<string, "first" | "last" | 1 | -1> = {
      ArrowDown: 1,
      ArrowUp: -1,
      Home: "first",
      End: "last",
    };
    const move = moves[event.key];
    if (move !== undefined) {
      event.preventDefault();
      focusItem(move);
    }
  };

  // Choosing an item closes the panel. The panel stays mounted (only hidden),
  // so a submit button inside a <form> still submits after this.
  const onPanelClick = (event: MouseEvent<HTMLDivElement>) => {
    if ((event.target as Element).closest("a, button")) close(false);
  };

  return (
    <div
      ref={rootRef}
      className="relative"
      onKeyDown={onRootKeyDown}
      onBlur={(event) => {
        // Tabbing out of the whole component closes it. A null relatedTarget
        // (click on a non-focusable spot inside) is left to the pointer handler.
        const next = event.relatedTarget as Node | null;
        if (open && next && !rootRef.current?.contains(next)) {
          setOpenOn(null);
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={triggerLabel}
        onClick={() => (open ? close(false) : setOpenOn(pathname))}
        onKeyDown={onButtonKeyDown}
        className={triggerClassName}
      >
        {trigger}
      </button>
      <div
        ref={panelRef}
        id={panelId}
        role="group"
        aria-label={panelLabel}
        hidden={!open}
        onClick={onPanelClick}
        className={cn(
          "absolute z-50 min-w-56 rounded-card border border-line bg-surface p-1.5 shadow-popover",
          align === "start" ? "left-0" : "right-0",
          side === "bottom" ? "top-full mt-1.5" : "bottom-full mb-1.5",
          panelClassName,
        )}
      >
        {children}
      </div>
    </div>
  );
}
