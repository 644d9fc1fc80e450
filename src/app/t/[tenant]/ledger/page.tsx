import { Alert } from "@/components/alert";
import { ButtonLink } from "@/components/button-link";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { LedgerEntryList } from "@/features/ledger/ledger-entry-list";
import { LedgerFilters } from "@/features/ledger/ledger-filters";
import { LedgerTabs } from "@/features/ledger/ledger-tabs";
import { exportHref, filterParams } from "@/features/ledger/ledger-words";
import { readAfter, readLedgerFilter, type RawSearch } from "@/features/ledger/read-ledger-filter";
import { requireMember } from "@/server/http/require-member";
import { ledgerFilterOptions, listBrandLedger } from "@/server/modules/ledger/brand-ledger";

export const metadata = { title: "Ledger" };

export default async function LedgerPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<RawSearch> }) {
  const { tenant: slug } = await params;
  const { ctx } = await requireMember(slug, `/t/${slug}/ledger`);
  const raw = await searchParams;
  const { filter, problem } = readLedgerFilter(raw);
  const after = readAfter(raw);
  const [page, options] = await Promise.all([listBrandLedger(ctx, { ...filter, after }), ledgerFilterOptions(ctx)]);
  const base = `/t/${slug}/ledger`;
  const query = filterParams(filter).toString();
  return (
    <>
      <PageHeader
        title="Ledger"
        description="Every point your brand gave or took back, newest first, each saying why."
        actions={
          <ButtonLink href={exportHref(slug, "entries", filter)} variant="secondary" prefetch={false} download>
            Export CSV
          </ButtonLink>
        }
      />
      <LedgerTabs tenantSlug={slug} current="entries" query={query} />
      {problem && (
        <Alert tone="warning" title="That filter could not be used" className="mb-4">
          {problem}
        </Alert>
      )}
      <div className="space-y-4">
        <Card title="Filter" headingLevel={2}>
          <LedgerFilters action={base} filter={filter} options={options} />
        </Card>
        <Card title="Entries" description={after ? "Older entries" : "Newest first"} headingLevel={2} flush>
          {page.items.length === 0 ? (
            <EmptyState title="No entries" description="No ledger entry matches this filter." headingLevel={3} />
          ) : (
            <LedgerEntryList items={page.items} tenantSlug={slug} />
          )}
        </Card>
        <nav aria-label="Ledger pages" className="flex flex-wrap gap-2">
          {after && (
            <ButtonLink href={query ? `${base}?${query}` : base} variant="secondary" size="sm">
              Newest entries
            </ButtonLink>
          )}
          {page.nextAfter && (
            <ButtonLink href={`${base}?${filterParams(filter, { after: page.nextAfter }).toString()}`} variant="secondary" size="sm" rel="next">
              Older entries
            </ButtonLink>
          )}
        </nav>
      </div>
    </>
  );
}
