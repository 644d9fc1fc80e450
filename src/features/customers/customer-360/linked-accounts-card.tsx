import { Badge, type BadgeTone } from "@/components/badge";
import { Card } from "@/components/card";
import type { LinkedAccountDto } from "@/server/modules/customers/customer-360.schemas";
import type { FormAction } from "../../forms/remembered";
import { points, when } from "./format";
import { UnlinkAccountForm } from "./unlink-account-form";

const STATUS: Record<LinkedAccountDto["status"], { label: string; tone: BadgeTone }> = {
  ACTIVE: { label: "Connected", tone: "success" },
  NEEDS_RECONNECT: { label: "Needs reconnecting", tone: "warning" },
  REVOKED: { label: "Unlinked", tone: "neutral" },
  DISABLED: { label: "Disabled", tone: "neutral" },
};

const SYNC: Record<NonNullable<LinkedAccountDto["checkins"]>["status"], string> = {
  IDLE: "not read yet",
  RUNNING: "reading now",
  OK: "up to date",
  THROTTLED: "paused by the network's rate limit",
  ERROR: "last read failed",
  NEEDS_RECONNECT: "stopped until the customer reconnects",
  DISABLED: "off",
};

/** The customer's linked X and Foursquare accounts, each with what the pipeline last did with it. */
export function LinkedAccountsCard({
  accounts,
  tenantSlug,
  customerId,
  unlinkAction,
}: {
  accounts: LinkedAccountDto[];
  tenantSlug: string;
  customerId: string;
  /** Absent for members who may not unlink (customers:write). */
  unlinkAction?: FormAction;
}) {
  return (
    <Card title="Linked accounts" headingLevel={2}>
      {accounts.length === 0 ? (
        <p className="text-sm text-fg-muted" data-testid="no-linked-accounts">
          No linked accounts. Customers link X and Foursquare in the rewards portal; their mentions and points then show here.
        </p>
      ) : (
        <ul className="divide-y divide-line" aria-label="Linked accounts">
          {accounts.map((a) => (
            <li key={a.id} className="min-w-0 py-3 first:pt-0 last:pb-0" data-testid="linked-account">
              <div className="flex flex-wrap items-center gap-2">
                <span className="text-sm font-medium text-fg">{a.networkLabel}</span>
                <Badge tone={STATUS[a.status].tone}>{STATUS[a.status].label}</Badge>
              </div>
              <p className="mt-1 text-sm break-all text-fg" data-testid="linked-account-handle">
                @{a.handle}
              </p>
              {a.displayName && <p className="text-sm break-words text-fg-muted">{a.displayName}</p>}
              <dl className="mt-2 grid gap-x-4 gap-y-1 text-xs text-fg-muted sm:grid-cols-2">
                <div>
                  <dt className="inline">Linked: </dt>
                  <dd className="inline">{when(a.linkedAt)}</dd>
                </div>
                <div>
                  <dt className="inline">Followers: </dt>
                  <dd className="inline">
                    {points(a.followersCount)} (refreshed {a.refreshedAt ? when(a.refreshedAt) : "never"})
                  </dd>
                </div>
                {a.checkins && (
                  <div className="sm:col-span-2" data-testid="checkin-sync">
                    <dt className="inline">Check-ins: </dt>
                    <dd className="inline">
                      {SYNC[a.checkins.status]}; last read {when(a.checkins.lastRunAt)}
                      {a.checkins.nextRunAt ? `, next ${when(a.checkins.nextRunAt)}` : ""}
                      {a.checkins.throttleCount > 0 ? `; rate limited ${a.checkins.throttleCount}×` : ""}
                      {a.checkins.lastError ? <span className="block break-words">Last error: {a.checkins.lastError}</span> : null}
                    </dd>
                  </div>
                )}
                <div className="sm:col-span-2">
                  <dt className="inline">Posting on their behalf: </dt>
                  <dd className="inline">{a.autoSharing ? "allowed" : "not allowed"}</dd>
                </div>
              </dl>
              {unlinkAction && (
                <div className="mt-2">
                  <UnlinkAccountForm
                    tenantSlug={tenantSlug}
                    customerId={customerId}
                    profileId={a.id}
                    label={`@${a.handle} on ${a.networkLabel}`}
                    action={unlinkAction}
                  />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
