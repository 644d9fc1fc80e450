import Link from "next/link";
import { Alert } from "@/components/alert";
import { ButtonLink } from "@/components/button-link";
import { EmptyState } from "@/components/empty-state";
import { PlusIcon, UsersIcon } from "@/components/icons";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { SearchForm } from "@/components/search-form";
import { CustomersTable } from "@/features/customers/customers-table";
import { MinFiltersForm } from "@/features/customers/min-filters-form";
import { SaveSegmentForm } from "@/features/customers/save-segment-form";
import { SENTIMENT_FILTERS, type SentimentFilter } from "@/features/customers/sentiment-labels";
import { STAGE_LABELS, type Stage } from "@/features/customers/stage-labels";
import { cn } from "@/components/cn";
import { requireMember } from "@/server/http/require-member";
import { ZCustomerListQuery } from "@/server/modules/customers/customer.schemas";
import { listCustomerRows } from "@/server/modules/customers/customer-list";
import type { CustomerSort } from "@/server/modules/customers/customer.schemas";
import { safeParseInput } from "@/server/safe-input";
import { saveFiltersAsSegmentAction } from "./actions";

export const metadata = { title: "Customers" };

type Search = Record<string, string | string[] | undefined>;

export default async function CustomersPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<Search> }) {
  const { tenant: slug } = await params;
  const raw = await searchParams;
  const base = `/t/${slug}/customers`;
  const { ctx, can } = await requireMember(slug, base);
  // A NUL or lone surrogate in ?q= is ignored with the notice below, never sent to Postgres.
  const parsed = safeParseInput(ZCustomerListQuery, {
    q: first(raw.q),
    stage: first(raw.stage),
    sentiment: first(raw.sentiment),
    linkedFrom: first(raw.linkedFrom),
    linkedTo: first(raw.linkedTo),
    minFollowers: first(raw.minFollowers),
    minPoints: first(raw.minPoints),
    sort: first(raw.sort),
    dir: first(raw.dir),
    page: first(raw.page) ?? "1",
  });
  const query = parsed.success ? parsed.data : ZCustomerListQuery.parse({});
  const result = await listCustomerRows(ctx, query);
  const asText = (n: number | undefined) => (n === undefined ? undefined : String(n));
  // Who is listed (what a saved segment keeps); sort and page only say how.
  const filters = { q: query.q, stage: query.stage, sentiment: query.sentiment, minFollowers: asText(query.minFollowers), minPoints: asText(query.minPoints) };
  const filtered = Object.values(filters).some((v) => v !== undefined);
  const href = (overrides: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams();
    const merged = { ...filters, linkedFrom: query.linkedFrom, linkedTo: query.linkedTo, sort: query.sort, dir: query.dir, page: query.page, ...overrides };
    for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== "" && !(k === "page" && v === 1)) next.set(k, String(v));
    const qs = next.toString();
    return qs ? `${base}?${qs}` : base;
  };

  const linked = linkedDays(query.linkedFrom, query.linkedTo);
  // The export takes the list's filters (who is listed), not its sort or page.
  const exportParams = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, linkedFrom: query.linkedFrom, linkedTo: query.linkedTo })) if (v !== undefined) exportParams.set(k, v);
  const exportHref = `/api/v1/tenants/${encodeURIComponent(slug)}/customers/export${exportParams.size ? `?${exportParams.toString()}` : ""}`;
  const sortHref = (sort: CustomerSort, dir?: "asc" | "desc") => href({ sort: sort === "added" && !dir ? undefined : sort, dir, page: undefined });

  return (
    <>
      <PageHeader
        title="Customers"
        description="Everyone in your CRM: contact details, linked social profiles and lifecycle stage."
        actions={
          <div className="flex flex-wrap gap-2">
            <ButtonLink href={exportHref} variant="secondary" prefetch={false} download>
              Export CSV
            </ButtonLink>
            {can("customers:write") && (
              <>
                <ButtonLink href={`${base}/import`} variant="secondary">
                  Import CSV
                </ButtonLink>
                <ButtonLink href={`${base}/new`} icon={<PlusIcon />}>
                  Add customer
                </ButtonLink>
              </>
            )}
          </div>
        }
      />
      {first(raw.removed) && (
        <Alert tone="success" role="status" className="mb-4">
          {first(raw.removed) === "erased"
            ? "The customer had points history, so their personal data was erased and the history kept anonymously."
            : "The customer was deleted."}
        </Alert>
      )}
      {!parsed.success && (
        <Alert tone="warning" className="mb-4">
          Some filters in the address were not valid and were ignored.
        </Alert>
      )}
      <div className="mb-4 flex flex-col gap-3 lg:flex-row lg:items-center lg:justify-between">
        <SearchForm
          action={base}
          defaultValue={query.q}
          label="Search customers"
          placeholder="Name, email, phone or external id"
          preserve={{ ...filters, q: undefined, linkedFrom: query.linkedFrom, linkedTo: query.linkedTo, sort: query.sort, dir: query.dir }}
          clearHref={href({ q: undefined, page: undefined })}
        />
        <nav aria-label="Filter by lifecycle stage" className="flex flex-wrap gap-1.5">
          {([undefined, ...Object.keys(STAGE_LABELS)] as (Stage | undefined)[]).map((stage) => (
            <Link
              key={stage ?? "all"}
              href={href({ stage, page: undefined })}
              aria-current={query.stage === stage ? "page" : undefined}
              className={cn(
                "rounded-full px-3 py-1 text-sm ring-1 ring-inset",
                query.stage === stage ? "bg-brand-50 font-medium text-brand-800 ring-brand-600/30" : "text-fg-muted ring-line hover:bg-surface-muted",
              )}
            >
              {stage ? STAGE_LABELS[stage] : "All"}
            </Link>
          ))}
        </nav>
      </div>
      <nav aria-label="Filter by sentiment" className="mb-4 flex flex-wrap items-center gap-1.5">
        <span className="mr-1 text-sm text-fg-subtle">Sentiment, last 90 days:</span>
        {([undefined, ...Object.keys(SENTIMENT_FILTERS)] as (SentimentFilter | undefined)[]).map((sentiment) => (
          <Link
            key={sentiment ?? "any"}
            href={href({ sentiment, page: undefined })}
            aria-current={query.sentiment === sentiment ? "page" : undefined}
            className={cn(
              "rounded-full px-3 py-1 text-sm ring-1 ring-inset",
              query.sentiment === sentiment ? "bg-brand-50 font-medium text-brand-800 ring-brand-600/30" : "text-fg-muted ring-line hover:bg-surface-muted",
            )}
          >
            {sentiment ? SENTIMENT_FILTERS[sentiment] : "Any"}
          </Link>
        ))}
      </nav>
      {linked && (
        <p className="mb-4 flex flex-wrap items-center gap-2 text-sm text-fg-muted" data-testid="linked-filter">
          <span>
            Linked a first social account {linked}: {result.total.toLocaleString("en")} customer{result.total === 1 ? "" : "s"}
          </span>
          <Link className="text-brand-700 underline" href={href({ linkedFrom: undefined, linkedTo: undefined, page: undefined })}>
            Clear
          </Link>
        </p>
      )}
      <MinFiltersForm
        action={base}
        minFollowers={query.minFollowers}
        minPoints={query.minPoints}
        preserve={{
          ...filters,
          minFollowers: undefined,
          minPoints: undefined,
          linkedFrom: query.linkedFrom,
          linkedTo: query.linkedTo,
          sort: query.sort,
          dir: query.dir,
        }}
      />
      {/* A segment has no link-date criterion: the overview's link-date lists are not saved as one. */}
      {filtered && !linked && can("customers:write") && <SaveSegmentForm tenantSlug={slug} filters={filters} action={saveFiltersAsSegmentAction} />}
      {result.total === 0 ? (
        <EmptyState
          icon={<UsersIcon />}
          title={filtered || linked ? "No customers match" : "No customers yet"}
          description={filtered || linked ? "Try another search or clear the filters." : "Add your first customer to start building your advocacy program."}
          action={can("customers:write") && !query.q ? <ButtonLink href={`${base}/new`}>Add customer</ButtonLink> : undefined}
        />
      ) : (
        <>
          <nav aria-label="Sort customers" className="mb-3 flex flex-wrap items-center gap-1.5 sm:hidden">
            <span className="mr-1 text-sm text-fg-subtle">Sort by:</span>
            {(Object.keys(SORT_LABELS) as CustomerSort[]).map((sort) => (
              <Link
                key={sort}
                href={sortHref(sort, result.sort === sort ? (result.dir === "asc" ? "desc" : "asc") : undefined)}
                aria-current={result.sort === sort ? "true" : undefined}
                className={cn(
                  "rounded-full px-3 py-1 text-sm ring-1 ring-inset",
                  result.sort === sort ? "bg-brand-50 font-medium text-brand-800 ring-brand-600/30" : "text-fg-muted ring-line hover:bg-surface-muted",
                )}
              >
                {SORT_LABELS[sort]}
                {result.sort === sort ? (result.dir === "asc" ? " ▲" : " ▼") : ""}
              </Link>
            ))}
          </nav>
          <CustomersTable rows={result.items} tenantSlug={slug} sorting={{ sort: result.sort, dir: result.dir, hrefFor: sortHref }} />
          <Pagination
            className="mt-4"
            page={result.page}
            pageSize={result.pageSize}
            total={result.total}
            hrefForPage={(page) => href({ page })}
            noun="customers"
          />
        </>
      )}
    </>
  );
}

const SORT_LABELS: Record<CustomerSort, string> = {
  name: "Name",
  email: "Email",
  points: "Points",
  tier: "Tier",
  stage: "Stage",
  sentiment: "Sentiment",
  nps: "NPS",
  activity: "Last activity",
  added: "Added",
};

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function linkedDays(from: string | undefined, to: string | undefined): string | null {
  if (from && to) return from === to ? `on ${from}` : `from ${from} to ${to}`;
  if (from) return `since ${from}`;
  return to ? `up to ${to}` : null;
}
