"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { flushSync } from "react-dom";
import { cn } from "../cn";
import { MenuIcon, XIcon } from "../icons";
import { BrandMark } from "./brand-mark";
import { SkipLink } from "./skip-link";

export interface AppShellProps {
  /** Sidebar body: usually <TenantSwitcher /> and one or more <SidebarNav />. */
  sidebar: ReactNode;
  /** Pinned to the bottom of the sidebar (help link, plan, version). */
  sidebarFooter?: ReactNode;
  /** Right-hand side of the top bar: usually <UserMenu />. */
  topBar?: ReactNode;
  /** Left of the top bar on wide screens (a breadcrumb, a global search form). */
  topBarStart?: ReactNode;
  /** Where the logo links to (the tenant's overview). */
  brandHref?: string;
  children: ReactNode;
}

const SIDEBAR_ID = "app-sidebar";
const MAIN_ID = "main-content";

/**
 * The signed-in layout: sidebar, top bar, main. From the lg breakpoint the
 * sidebar is always visible; below it, it hides behind a menu button and
 * opens as a drawer over the page (disclosure button with aria-expanded;
 * the page behind is inert while it is open; Escape, the close button, the
 * backdrop or a navigation closes it).
 */
export function AppShell({ sidebar, sidebarFooter, topBar, topBarStart, brandHref = "/", children }: AppShellProps) {
  const pathname = usePathname();
  // Open "on" a path, so following a link in the drawer closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn !== null && openOn === pathname;
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  const closeButtonRef = useRef<HTMLButtonElement>(null);

  // Commit the close first: the menu button sits in the inert page and
  // cannot take focus until the drawer is gone.
  const close = () => {
    flushSync(() => setOpenOn(null));
    menuButtonRef.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    closeButtonRef.current?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      // A popover inside the drawer (tenant switcher) handles its own Escape first.
      if (event.key !== "Escape" || event.defaultPrevented) return;
      flushSync(() => setOpenOn(null));
      menuButtonRef.current?.focus();
    };
    // Growing the window to desktop width makes the drawer the fixed
    // sidebar; drop the open state so the page is no longer inert.
    const desktop = window.matchMedia("(min-width: 64rem)");
    const onDesktop = () => {
      if (desktop.matches) setOpenOn(null);
    };
    document.addEventListener("keydown", onKeyDown);
    desktop.addEventListener("change", onDesktop);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      desktop.removeEventListener("change", onDesktop);
    };
  }, [open]);

  const brand = (
    <Link href={brandHref} className="rounded-md">
      <BrandMark />
    </Link>
  );

  return (
    <div className="min-h-dvh">
      <SkipLink href={`#${MAIN_ID}`} />

      {/* An <aside> landmark on desktop; a modal dialog while open as a drawer. */}
      <aside
        id={SIDEBAR_ID}
        role={open ? "dialog" : undefined}
        aria-modal={open || undefined}
        aria-label={open ? "Navigation" : "Sidebar"}
        className={cn("fixed inset-y-0 left-0 z-40 w-72 flex-col border-r border-line bg-surface lg:flex lg:w-64", open ? "flex shadow-popover" : "hidden")}
      >
        <div className="flex h-14 shrink-0 items-center justify-between px-4">
          {brand}
          <button ref={closeButtonRef} type="button" onClick={close} className="rounded-md p-1.5 text-fg-muted hover:bg-surface-muted hover:text-fg lg:hidden">
            <XIcon className="size-5" />
            <span className="sr-only">Close navigation</span>
          </button>
        </div>
        <div className="flex-1 space-y-6 overflow-y-auto px-3 pt-1 pb-4">{sidebar}</div>
        {sidebarFooter && <div className="border-t border-line px-3 py-3">{sidebarFooter}</div>}
      </aside>

      {open && <div aria-hidden="true" onClick={close} className="fixed inset-0 z-30 bg-zinc-950/40 backdrop-blur-[1px] lg:hidden" />}

      <div className="lg:pl-64" inert={open}>
        <header className="sticky top-0 z-20 flex h-14 items-center gap-3 border-b border-line bg-surface/85 px-4 backdrop-blur sm:px-6 lg:px-8">
          <button
            ref={menuButtonRef}
            type="button"
            aria-expanded={open}
            aria-controls={SIDEBAR_ID}
            onClick={() => setOpenOn(pathname)}
            className="-ml-1.5 rounded-md p-1.5 text-fg-muted hover:bg-surface-muted hover:text-fg lg:hidden"
          >
            <MenuIcon className="size-5" />
            <span className="sr-only">Open navigation</span>
          </button>
          <div className="lg:hidden">{brand}</div>
          <div className="hidden min-w-0 flex-1 lg:block">{topBarStart}</div>
          <div className="ml-auto flex items-center gap-2">{topBar}</div>
        </header>
        <main id={MAIN_ID} tabIndex={-1} className="mx-auto w-full max-w-7xl px-4 py-8 sm:px-6 lg:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
