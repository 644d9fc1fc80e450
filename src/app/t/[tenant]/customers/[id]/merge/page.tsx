import Link from "next/link";
import { Alert } from "@/components/alert";
import { Card } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { SearchForm } from "@/components/search-form";
import { MergeConfirmForm } from "@/features/customers/merge/merge-confirm-form";
import { MergePreviewCard } from "@/features/customers/merge/merge-preview-card";
import { isAppError } from "@/server/errors";
import { localRedirect } from "@/server/http/local-redirect";
import { notFoundUnlessFound } from "@/server/http/not-found";
import { requireMember } from "@/server/http/require-member";
import { requirePermission } from "@/server/http/require-permission";
import { ZMergeScreenQuery } from "@/server/modules/customers/customer-merge.schemas";
import { getCustomerOrThrow } from "@/server/modules/customers/customer.service";
import { findMergeCandidates, mergeSurvivorOf, previewMerge } from "@/server/modules/customers/merge-preview";
import { safeParseInput } from "@/server/safe-input";
import { mergeCustomerAction } from "../../actions";

export const metadata = { title: "Merge customer" };

type Search = Record<string, string | string[] | undefined>;

export default async function MergeCustomerPage({ params, searchParams }: { params: Promise<{ tenant: string; id: string }>; searchParams: Promise<Search> }) {
  const { tenant: slug, id } = await params;
  const raw = await searchParams;
  const base = `/t/${slug}/customers/${id}/merge`;
  const { ctx, can } = await requireMember(slug, base);
  const survivorOf = await mergeSurvivorOf(ctx, id);
  if (survivorOf) localRedirect(`/t/${slug}/customers/${survivorOf}`);
  const customer = await notFoundUnlessFound(getCustomerOrThrow(ctx, id));
  requirePermission(can, "customers:delete");
  requirePermission(can, "ledger:adjust");

  const parsed = safeParseInput(ZMergeScreenQuery, { q: first(raw.q), into: first(raw.into) });
  const query = parsed.success ? parsed.data : ZMergeScreenQuery.parse({});
  const candidates = query.q ? await findMergeCandidates(ctx, customer.id, query.q) : [];
  let preview = null;
  let refusal: string | null = null;
  if (query.into) {
    try {
      preview = await previewMerge(ctx, customer.id, query.into);
    } catch (error) {
      if (!isAppError(error) || !["NOT_FOUND", "CONFLICT", "BAD_REQUEST"].includes(error.code)) throw error;
      refusal = error.code === "NOT_FOUND" ? "That customer is not one of this brand's customers." : error.message;
    }
  }

  return (
    <>
      <PageHeader
        eyebrow="Merge customer"
        title={<span className="block break-words [overflow-wrap:anywhere]">Merge {customer.displayName} into another customer</span>}
        description="For one person recorded twice: pick the record to keep; everything of this one moves to it."
      />
      <div className="grid min-w-0 gap-6 lg:grid-cols-2">
        <Card title="1. Choose the customer to keep">
          <SearchForm action={base} defaultValue={query.q} label="Search customers to merge into" placeholder="Name or email" />
          {query.q && candidates.length === 0 && <p className="mt-3 text-sm text-fg-muted">No other customer matches.</p>}
          {candidates.length > 0 && (
            <ul className="mt-3 divide-y divide-line" aria-label="Matching customers">
              {candidates.map((c) => (
                <li key={c.id} className="min-w-0 py-2">
                  <Link
                    href={`${base}?${new URLSearchParams({ q: query.q ?? "", into: c.id }).toString()}`}
                    aria-current={query.into === c.id ? "true" : undefined}
                    className="block min-w-0 rounded px-2 py-1 hover:bg-surface-muted aria-[current=true]:bg-brand-50"
                  >
                    <span className="block truncate font-medium">{c.displayName}</span>
                    <span className="block truncate text-sm text-fg-muted">{c.emails[0]?.email ?? "no email"}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <div className="min-w-0">
          {refusal && (
            <Alert tone="danger" className="mb-4">
              {refusal}
            </Alert>
          )}
          {preview ? (
            <MergePreviewCard preview={preview}>
              <MergeConfirmForm
                tenantSlug={slug}
                customerId={customer.id}
                survivorId={preview.survivor.id}
                survivorName={preview.survivor.displayName}
                action={mergeCustomerAction}
              />
            </MergePreviewCard>
          ) : (
            !refusal && <p className="text-sm text-fg-muted">Search, then choose a customer to see what the merge will move.</p>
          )}
        </div>
      </div>
    </>
  );
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
