import { randomUUID } from "node:crypto";
import { Alert } from "@/components/alert";
import { Badge } from "@/components/badge";
import { ButtonLink } from "@/components/button-link";
import { PageHeader } from "@/components/page-header";
import { StageHistoryCard } from "@/features/advocates/stage-history-card";
import { AuditCard, ConsentsCard, FeedbackCard, MentionsCard, RedemptionsCard } from "@/features/customers/customer-360/activity-cards";
import { AdjustPointsForm } from "@/features/customers/customer-360/adjust-points-form";
import { LedgerCard } from "@/features/customers/customer-360/ledger-card";
import { LinkedAccountsCard } from "@/features/customers/customer-360/linked-accounts-card";
import { PointsCard } from "@/features/customers/customer-360/points-card";
import { ProfileCard } from "@/features/customers/customer-360/profile-card";
import { DeleteCustomerForm } from "@/features/customers/delete-customer-form";
import { SENTIMENT_LABELS, SENTIMENT_TONES } from "@/features/customers/sentiment-labels";
import { STAGE_LABELS, STAGE_TONES } from "@/features/customers/stage-labels";
import { notFoundUnlessFound } from "@/server/http/not-found";
import { listStageChanges } from "@/server/modules/advocates/stage-history";
import { requireMember } from "@/server/http/require-member";
import { localRedirect } from "@/server/http/local-redirect";
import { getCustomer360 } from "@/server/modules/customers/customer-360";
import { mergeSurvivorOf } from "@/server/modules/customers/merge-preview";
import { ZCustomer360Query } from "@/server/modules/customers/customer-360.schemas";
import { safeParseInput } from "@/server/safe-input";
import { adjustCustomerPointsAction, deleteCustomerAction, unlinkCustomerAccountAction } from "../actions";

const UNLINKED: Record<string, string> = {
  revoked: "Account unlinked, and the brand's access was revoked at the network.",
  "not-offered": "Account unlinked. The network has no way for apps to revoke access: the customer can remove the app in the network's settings.",
  failed: "Account unlinked. The network could not be reached to revoke access; our copy of the token is deleted.",
};

export default async function CustomerPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string; id: string }>;
  searchParams: Promise<{ saved?: string; unlinked?: string; ledgerPage?: string; moved?: string }>;
}) {
  const { tenant: slug, id } = await params;
  const { saved, unlinked, ledgerPage, moved } = await searchParams;
  const base = `/t/${slug}/customers/${id}`;
  const { ctx, can } = await requireMember(slug, base);
  // A merged-away record's links (bookmarks, notifications, the audit log) lead to its survivor.
  const survivor = await mergeSurvivorOf(ctx, id);
  if (survivor) localRedirect(`/t/${slug}/customers/${survivor}`);
  const query = safeParseInput(ZCustomer360Query, { ledgerPage: ledgerPage ?? "1" });
  const view = await notFoundUnlessFound(getCustomer360(ctx, id, query.success ? query.data : {}));
  const { customer } = view;
  const stageChanges = await listStageChanges(ctx, customer.id);
  return (
    <>
      <PageHeader
        eyebrow="Customer"
        title={<span className="block break-words [overflow-wrap:anywhere]">{customer.displayName}</span>}
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
            <ButtonLink href={`${base}/portal`} variant="secondary">
              Preview portal
            </ButtonLink>
            {can("customers:write") && (
              <ButtonLink href={`${base}/edit`} variant="secondary">
                Edit
              </ButtonLink>
            )}
            {can("customers:delete") && can("ledger:adjust") && (
              <ButtonLink href={`${base}/merge`} variant="secondary">
                Merge into another customer…
              </ButtonLink>
            )}
          </>
        }
      />
      {saved && (
        <Alert tone="success" role="status" className="mb-4">
          {saved === "created"
            ? "Customer created."
            : saved === "merged"
              ? `Customers merged: this record now holds the other's history${/^\d+$/.test(moved ?? "") && moved !== "0" ? ` and ${Number(moved).toLocaleString("en-US")} points` : ""}.`
              : "Changes saved."}
        </Alert>
      )}
      {unlinked && UNLINKED[unlinked] && (
        <Alert tone="success" role="status" className="mb-4">
          {UNLINKED[unlinked]}
        </Alert>
      )}
      <div className="grid min-w-0 gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <ProfileCard customer={customer} npsClass={view.npsClass} />
          <div id="ledger" className="scroll-mt-4">
            <LedgerCard ledger={view.ledger} hrefForPage={(page) => (page === 1 ? `${base}#ledger` : `${base}?ledgerPage=${page}#ledger`)} />
          </div>
          <MentionsCard mentions={view.mentions} />
          <AuditCard audit={view.audit} />
        </div>
        <div className="min-w-0 space-y-6">
          <PointsCard summary={view.points} tier={view.tier}>
            {can("ledger:adjust") && (
              <AdjustPointsForm tenantSlug={slug} customerId={customer.id} idempotencyKey={randomUUID()} action={adjustCustomerPointsAction} />
            )}
          </PointsCard>
          <LinkedAccountsCard
            accounts={view.accounts}
            tenantSlug={slug}
            customerId={customer.id}
            unlinkAction={can("customers:write") ? unlinkCustomerAccountAction : undefined}
          />
          <RedemptionsCard redemptions={view.redemptions} />
          <FeedbackCard feedback={view.feedback} />
          <StageHistoryCard changes={stageChanges} />
          <ConsentsCard consents={view.consents} />
        </div>
      </div>
      {can("customers:delete") && (
        <div className="mt-8 max-w-xl">
          <DeleteCustomerForm tenantSlug={slug} customerId={customer.id} name={customer.displayName} action={deleteCustomerAction} />
        </div>
      )}
    </>
  );
}
