import Link from "next/link";
import { NETWORK_LABELS } from "@/features/listening/labels";
import type { OverviewTopAdvocate, OverviewTopPost } from "@/server/modules/overview/overview.schemas";
import { fmt, type OverviewLinks } from "./overview-links";

const empty = (text: string) => <p className="px-5 py-4 text-sm text-fg-muted">{text}</p>;

/** Customers who earned the most points in the period; names are hostile input, shown as text. */
export function TopAdvocates({ advocates, links }: { advocates: OverviewTopAdvocate[]; links: OverviewLinks }) {
  if (advocates.length === 0) return empty("No customer earned points in this period.");
  return (
    <ol className="divide-y divide-line" data-testid="top-advocates">
      {advocates.map((a) => (
        <li key={a.customerId} className="flex min-w-0 items-baseline justify-between gap-3 px-5 py-3">
          <Link href={links.customer(a.customerId)} className="min-w-0 truncate font-medium text-brand-700 hover:underline" title={a.name}>
            {a.name}
          </Link>
          <Link href={links.customerPoints(a.customerId)} className="shrink-0 text-sm text-fg tabular-nums hover:underline">
            {fmt(a.points)} pts{a.mentions > 0 ? ` · ${fmt(a.mentions)} mention${a.mentions === 1 ? "" : "s"}` : ""}
          </Link>
        </li>
      ))}
    </ol>
  );
}

/** Posts whose points (award, bonus, less reversals) were largest in the period. */
export function TopPosts({ posts, links }: { posts: OverviewTopPost[]; links: OverviewLinks }) {
  if (posts.length === 0) return empty("No post earned points in this period.");
  return (
    <ol className="divide-y divide-line" data-testid="top-posts">
      {posts.map((p) => (
        <li key={p.mentionId} className="min-w-0 px-5 py-3">
          <p className="flex min-w-0 items-baseline justify-between gap-3 text-sm">
            <span className="min-w-0 truncate text-fg-muted" title={p.authorHandle}>
              @{p.authorHandle} on {NETWORK_LABELS[p.network]}
              {p.customer && (
                <>
                  {" · "}
                  <Link href={links.customer(p.customer.id)} className="text-brand-700 hover:underline">
                    {p.customer.name}
                  </Link>
                </>
              )}
            </span>
            <span className="shrink-0 font-medium text-fg tabular-nums">{fmt(p.points)} pts</span>
          </p>
          <p className="mt-1 line-clamp-3 text-sm [overflow-wrap:anywhere] text-fg">{p.text}</p>
          {p.url && (
            <a href={p.url} rel="noopener noreferrer nofollow" target="_blank" className="mt-1 inline-block text-[12px] text-brand-700 hover:underline">
              Open the post
            </a>
          )}
        </li>
      ))}
    </ol>
  );
}
