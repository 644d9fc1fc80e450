"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/button";

/** Often enough to feel live, rare enough that an inbox left open costs the database little. */
const POLL_MS = 10_000;

/**
 * "N new mentions": polls the arrivals route for mentions matching the page's filters collected
 * since the page was drawn, while the tab is visible, and offers to show them (a refresh of the
 * server-rendered first page, which then draws a new `since`). Nothing is inserted into the list
 * by itself, so a marketer's place, selection and open forms stay put until they choose.
 */
export function InboxArrivals({ tenantSlug, query, since }: { tenantSlug: string; query: string; since: string }) {
  const router = useRouter();
  const [arrivals, setArrivals] = useState<{ newer: number; capped: boolean }>({ newer: 0, capped: false });
  useEffect(() => {
    const params = new URLSearchParams(query);
    params.set("since", since);
    const url = `/api/v1/tenants/${encodeURIComponent(tenantSlug)}/inbox/arrivals?${params.toString()}`;
    let stopped = false;
    const poll = async () => {
      if (document.visibilityState !== "visible") return;
      try {
        const response = await fetch(url, { cache: "no-store", headers: { accept: "application/json" } });
        if (!response.ok) return;
        const body = (await response.json()) as { newer: number; capped: boolean };
        if (!stopped) setArrivals(body);
      } catch {
        // Offline or the server restarting: the next poll tries again.
      }
    };
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [tenantSlug, query, since]);

  if (arrivals.newer === 0) return <div role="status" aria-live="polite" className="sr-only" />;
  const count = `${arrivals.newer}${arrivals.capped ? "+" : ""}`;
  return (
    <div
      role="status"
      aria-live="polite"
      className="flex flex-wrap items-center gap-3 border-b border-line bg-brand-50 px-4 py-2 text-sm text-fg sm:px-5"
      data-testid="inbox-arrivals"
    >
      <span>
        {count} new mention{arrivals.newer === 1 && !arrivals.capped ? "" : "s"} since you opened this page.
      </span>
      <Button size="sm" variant="secondary" onClick={() => router.refresh()}>
        Show them
      </Button>
    </div>
  );
}
