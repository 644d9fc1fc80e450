import { Alert } from "@/components/alert";
import { Badge } from "@/components/badge";
import { ButtonLink } from "@/components/button-link";
import { Card } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { DeleteCustomerForm } from "@/features/customers/delete-customer-form";
import { SENTIMENT_LABELS, SENTIMENT_TONES } from "@/features/customers/sentiment-labels";
import { STAGE_LABELS, STAGE_TONES } from "@/features/customers/stage-labels";
import { notFoundUnlessFound } from "@/server/http/not-found";
import { requireMember } from "@/server/http/require-member";
import { getCustomerOrThrow } from "@/server/modules/customers/customer.service";
import { deleteCustomerAction } from "../actions";

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export default async function CustomerPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string; id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const { tenant: slug, id } = await params;
  const { saved } = await searchParams;
  const { ctx, can } = await requireMember(slug, `/t/${slug}/customers/${id}`);
  const customer = await notFoundUnlessFound(getCustomerOrThrow(ctx, id));
  return (
    <>
      <PageHeader
        eyebrow="Customer"
        title={customer.displayName}
        description={
          <span className="flex flex-wrap gap-2">
            <Badge tone={STAGE_TONES[customer.lifecycleStage]}>{STAGE_LABELS[customer.lifecycleStage]}</Badge>
            {customer.sentimentLabel && (
              <Badge tone={SENTIMENT_TONES[customer.sentimentLabel]}>
                {SENTIMENT_LABELS[customer.sentimentLabel]}
                {customer.sentimentScore !== null && ` (${customer.sentimentScore.toFixed(2)})`}
              </Badge>
            )}
          </span>
        }
        actions={
          <>
            <ButtonLink href={`/t/${slug}/customers/${id}/portal`} variant="secondary">
              Preview portal
            </ButtonLink>
            {can("customers:write") && (
              <ButtonLink href={`/t/${slug}/customers/${id}/edit`} variant="secondary">
                Edit
              </ButtonLink>
            )}
          </>
        }
      />
      {saved && (
        <Alert tone="success" role="status" className="mb-4">
          {saved === "created" ? "Customer created." : "Changes saved."}
        </Alert>
      )}
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Contact" headingLevel={2} className="lg:col-span-2">
          <dl className="grid gap-4 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-fg-subtle">Emails</dt>
              <dd className="mt-1 space-y-1">
                {customer.emails.map((e) => (
                  <div key={e.email} className="flex items-center gap-2">
                    <span className="break-all">{e.email}</span>
                    {e.isPrimary && <Badge tone="neutral">primary</Badge>}
                  </div>
                ))}
              </dd>
            </div>
            <div>
              <dt className="text-fg-subtle">Phone</dt>
              <dd className="mt-1">{customer.phone ?? "—"}</dd>
            </div>
            <div>
              <dt className="text-fg-subtle">External id</dt>
              <dd className="mt-1">{customer.externalId ?? "—"}</dd>
            </div>
            <div>
              <dt className="text-fg-subtle">Added</dt>
              <dd className="mt-1">{dateTime.format(new Date(customer.createdAt))}</dd>
            </div>
            {customer.notes && (
              <div className="sm:col-span-2">
                <dt className="text-fg-subtle">Notes</dt>
                <dd className="mt-1 whitespace-pre-wrap">{customer.notes}</dd>
              </div>
            )}
          </dl>
        </Card>
        <Card title="Social profiles and points" headingLevel={2}>
          <p className="text-sm text-fg-muted">
            No linked accounts yet. Customers link X and Foursquare in the rewards portal; their mentions and points will show here.
          </p>
        </Card>
      </div>
      {can("customers:delete") && (
        <div className="mt-8 max-w-xl">
          <DeleteCustomerForm tenantSlug={slug} customerId={customer.id} name={customer.displayName} action={deleteCustomerAction} />
        </div>
      )}
    </>
  );
}
