import Link from "next/link";
import { Alert } from "@/components/alert";
import { cn } from "@/components/cn";
import { EmptyState } from "@/components/empty-state";
import { UsersIcon } from "@/components/icons";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { ProspectCard } from "@/features/prospects/prospect-card";
import { requireMember } from "@/server/http/require-member";
import { getBrandAccount } from "@/server/modules/brand-accounts/brand-accounts";
import { defaultInvitationText } from "@/server/modules/prospects/invite-prospect";
import { listProspects } from "@/server/modules/prospects/list-prospects";
import { ZProspectListQuery } from "@/server/modules/prospects/prospect.schemas";
import { safeParseInput } from "@/server/safe-input";
import { inviteProspectAction, markProspectCustomerAction } from "./actions";

export const metadata = { title: "Prospects" };

type Search = Record<string, string | string[] | undefined>;

const NETWORKS = { TWITTER: "X", FOURSQUARE: "Foursquare" } as const;
const FOLLOWER_STEPS = [0, 1_000, 10_000, 100_000];

export default async function ProspectsPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<Search> }) {
  const { tenant: slug } = await params;
  const raw = await searchParams;
  const base = `/t/${slug}/prospects`;
  const { ctx, can } = await requireMember(slug, base);
  const parsed = safeParseInput(ZProspectListQuery, { network: first(raw.network), minFollowers: first(raw.minFollowers), page: first(raw.page) ?? "1" });
  const query = parsed.success ? parsed.data : ZProspectListQuery.parse({});
  const [result, brandAccount] = await Promise.all([listProspects(ctx, query), getBrandAccount(ctx, "TWITTER")]);
  const href = (overrides: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams();
    const merged = { network: query.network?.toLowerCase(), minFollowers: query.minFollowers, page: query.page, ...overrides };
    for (const [k, v] of Object.entries(merged))
      if (v !== undefined && v !== "" && !(k === "page" && v === 1) && !(k === "minFollowers" && v === 0)) next.set(k, String(v));
    const qs = next.toString();
    return qs ? `${base}?${qs}` : base;
  };
  const writable = can("customers:write");
  const canReply = writable && can("mentions:moderate");
  const chip = (active: boolean) =>
    cn(
      "rounded-full px-3 py-1 text-sm ring-1 ring-inset",
      active ? "bg-brand-50 font-medium text-brand-800 ring-brand-600/30" : "text-fg-muted ring-line hover:bg-surface-muted",
    );

  return (
    <>
      <PageHeader
        title="Prospects"
        description="People who mention the brand but are not customers yet, ranked by reach × positive mentions (reach: their largest follower count on those mentions)."
      />
      {!parsed.success && (
        <Alert tone="warning" className="mb-4">
          Some filters in the address were not valid and were ignored.
        </Alert>
      )}
      {writable && (
        <Alert tone="info" className="mb-4">
          Invitations are recorded and their text copied for you to post: Megaphone cannot reply or send DMs as the brand. Marking a prospect as customer
          creates the customer, ready to link: their earlier mentions are credited when they link this account in the rewards portal.
        </Alert>
      )}
      <div className="mb-4 flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-center sm:gap-4">
        <nav aria-label="Filter by network" className="flex flex-wrap gap-1.5">
          {([undefined, "TWITTER", "FOURSQUARE"] as const).map((n) => (
            <Link
              key={n ?? "all"}
              href={href({ network: n?.toLowerCase(), page: undefined })}
              aria-current={query.network === n ? "page" : undefined}
              className={chip(query.network === n)}
            >
              {n ? NETWORKS[n] : "All networks"}
            </Link>
          ))}
        </nav>
        <nav aria-label="Minimum followers" className="flex flex-wrap gap-1.5">
          {FOLLOWER_STEPS.map((min) => (
            <Link
              key={min}
              href={href({ minFollowers: min, page: undefined })}
              aria-current={(query.minFollowers ?? 0) === min ? "page" : undefined}
              className={chip((query.minFollowers ?? 0) === min)}
            >
              {min === 0 ? "Any reach" : `${min.toLocaleString("en-US")}+ followers`}
            </Link>
          ))}
        </nav>
      </div>
      {result.total === 0 ? (
        <EmptyState
          icon={<UsersIcon />}
          title={query.network || query.minFollowers ? "No prospects match" : "No prospects yet"}
          description="Prospects appear when people who are not customers mention the brand on a tracked source."
        />
      ) : (
        <>
          <ol className="space-y-3" aria-label="Prospects">
            {result.rows.map((row, i) => (
              <ProspectCard
                key={`${row.network}:${row.authorExternalId}`}
                row={row}
                rank={(result.page - 1) * result.pageSize + i + 1}
                tenantSlug={slug}
                inviteText={writable ? defaultInvitationText(row.handle, slug) : null}
                actions={writable ? { invite: inviteProspectAction, markCustomer: markProspectCustomerAction } : null}
                replyAs={canReply && brandAccount?.canPost ? brandAccount.handle : null}
              />
            ))}
          </ol>
          <Pagination
            className="mt-4"
            page={result.page}
            pageSize={result.pageSize}
            total={result.total}
            hrefForPage={(page) => href({ page })}
            noun="prospects"
          />
        </>
      )}
    </>
  );
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
