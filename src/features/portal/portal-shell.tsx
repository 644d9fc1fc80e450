import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "@/components/cn";
import { BrandTheme } from "../brand/brand-theme";

export type PortalTab = "home" | "earn" | "rewards" | "points" | "leaderboard" | "feedback" | "accounts" | "account";

const TABS: { key: PortalTab; label: string; path: string; signedInOnly: boolean }[] = [
  { key: "home", label: "Home", path: "", signedInOnly: false },
  { key: "earn", label: "Ways to earn", path: "/earn", signedInOnly: false },
  { key: "rewards", label: "Rewards", path: "/rewards", signedInOnly: true },
  { key: "points", label: "My points", path: "/points", signedInOnly: true },
  { key: "leaderboard", label: "Leaderboard", path: "/leaderboard", signedInOnly: true },
  { key: "feedback", label: "Feedback", path: "/feedback", signedInOnly: true },
  { key: "accounts", label: "Linked accounts", path: "/accounts", signedInOnly: true },
  { key: "account", label: "My account", path: "/account", signedInOnly: true },
];

export interface PortalShellProps {
  slug: string;
  brandName: string;
  /** The signed-in customer's name, or null for a visitor. */
  customerName: string | null;
  active: PortalTab | null;
  /** The brand's colour stylesheet and logo (brand settings). */
  theme: { themeUrl: string; logoUrl: string | null };
  /** The brand's own privacy policy (https only, checked when saved and by the database), or null. */
  privacyPolicyUrl?: string | null;
  /** The sign-out form (a server action), shown when someone is signed in. */
  signOut?: ReactNode;
  children: ReactNode;
}

/**
 * The frame of a brand's rewards portal: the brand's name on top, a few tabs, one narrow column.
 * Built for a phone first (360 px wide, nothing wider than the screen); on a desktop it stays a
 * readable column. Everything shown is text (React escapes it): brand and customer names are input.
 */
export function PortalShell({ slug, brandName, customerName, active, theme, privacyPolicyUrl, signOut, children }: PortalShellProps) {
  const base = `/r/${slug}`;
  const tabs = TABS.filter((tab) => customerName !== null || !tab.signedInOnly);
  return (
    <div className="min-h-dvh bg-canvas" data-brand-theme>
      <BrandTheme appearance={theme} />
      <div className="h-1.5 bg-[var(--brand-color)]" aria-hidden="true" />
      <header className="border-b border-line bg-surface">
        <div className="mx-auto flex max-w-2xl items-center justify-between gap-3 px-4 py-3">
          <Link href={base} className="flex min-w-0 items-center gap-2 text-lg font-semibold text-fg">
            {/* The logo is ours (/media/<key>, already size-limited); next/image's optimiser is not configured for it. The name beside it is its text. */}
            {/* eslint-disable-next-line @next/next/no-img-element */}
            {theme.logoUrl && <img src={theme.logoUrl} alt="" className="h-8 w-auto max-w-24 shrink-0 object-contain" />}
            <span className="truncate">
              {brandName} <span className="font-normal text-fg-muted">rewards</span>
            </span>
          </Link>
          {customerName === null ? (
            <Link href={`${base}/sign-in`} className="shrink-0 rounded-control px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50">
              Sign in
            </Link>
          ) : (
            <div className="flex min-w-0 items-center gap-2">
              <span className="hidden min-w-0 truncate text-sm text-fg-muted sm:inline" data-testid="portal-customer-name">
                {customerName}
              </span>
              {signOut}
            </div>
          )}
        </div>
        <nav aria-label="Portal" className="mx-auto flex max-w-2xl gap-1 overflow-x-auto px-2">
          {tabs.map((tab) => (
            <Link
              key={tab.key}
              href={`${base}${tab.path}`}
              aria-current={active === tab.key ? "page" : undefined}
              className={cn(
                "shrink-0 border-b-2 px-3 py-2 text-sm font-medium",
                active === tab.key ? "border-[var(--brand-color)] text-fg" : "border-transparent text-fg-muted hover:text-fg",
              )}
            >
              {tab.label}
            </Link>
          ))}
        </nav>
      </header>
      <main className="mx-auto max-w-2xl space-y-4 px-4 py-5 break-words">{children}</main>
      {privacyPolicyUrl && (
        <footer className="mx-auto max-w-2xl px-4 pb-6 text-sm text-fg-muted">
          <a href={privacyPolicyUrl} rel="noopener noreferrer nofollow" className="underline hover:text-fg">
            {brandName}&apos;s privacy policy
          </a>
        </footer>
      )}
    </div>
  );
}
