import { Badge } from "@/components/badge";
import { Card } from "@/components/card";
import type { CustomerDto } from "@/server/modules/customers/customer.schemas";
import { when } from "./format";

const NPS = { PROMOTER: "Promoter", PASSIVE: "Passive", DETRACTOR: "Detractor" } as const;

/** Contact details and the customer's standing: emails, phone, external id, NPS class, notes. */
export function ProfileCard({ customer, npsClass }: { customer: CustomerDto; npsClass: keyof typeof NPS | null }) {
  return (
    <Card title="Profile" headingLevel={2}>
      <dl className="grid gap-4 text-sm sm:grid-cols-2">
        <div className="min-w-0">
          <dt className="text-fg-subtle">Emails</dt>
          <dd className="mt-1 space-y-1" data-testid="customer-emails">
            {customer.emails.map((e) => (
              <div key={e.email} className="flex min-w-0 items-center gap-2">
                <span className="min-w-0 break-all">{e.email}</span>
                {e.isPrimary && <Badge tone="neutral">primary</Badge>}
              </div>
            ))}
          </dd>
        </div>
        <div className="min-w-0">
          <dt className="text-fg-subtle">Phone</dt>
          <dd className="mt-1 break-all">{customer.phone ?? "—"}</dd>
        </div>
        <div className="min-w-0">
          <dt className="text-fg-subtle">External id</dt>
          <dd className="mt-1 break-all">{customer.externalId ?? "—"}</dd>
        </div>
        <div className="min-w-0">
          <dt className="text-fg-subtle">NPS class (latest answer)</dt>
          <dd className="mt-1">{npsClass ? NPS[npsClass] : "—"}</dd>
        </div>
        <div className="min-w-0">
          <dt className="text-fg-subtle">Added</dt>
          <dd className="mt-1">{when(customer.createdAt)}</dd>
        </div>
        {customer.notes && (
          <div className="min-w-0 sm:col-span-2">
            <dt className="text-fg-subtle">Notes</dt>
            <dd className="mt-1 break-words whitespace-pre-wrap">{customer.notes}</dd>
          </div>
        )}
      </dl>
    </Card>
  );
}
