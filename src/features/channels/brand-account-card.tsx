import { Alert } from "@/components/alert";
import { Badge } from "@/components/badge";
import { Card } from "@/components/card";
import { SubmitButton } from "@/components/submit-button";
import type { BrandAccountDto, BrandConnectFailure } from "@/server/modules/brand-accounts/brand-account.schemas";
import type { FormAction } from "../forms/remembered";
import { InboxActionForm } from "../inbox/inbox-action-form";

const FAILURES: Record<BrandConnectFailure, string> = {
  denied: "You did not allow access at X, so nothing was connected.",
  state: "That connection link expired or was already used. Start again with “Connect X”.",
  network: "X could not be reached. Nothing was connected; try again in a moment.",
  refused: "X refused the connection. Nothing was connected; try again.",
  scopes: "X did not grant posting, which replying needs. Nothing was connected; connect again and allow posting.",
};

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/**
 * The brand's own X account, connected by OAuth: what inbox replies are posted as, and what X
 * listening reads with when the brand set no app credentials (pipeline/listening-credential.ts).
 */
export function BrandAccountCard({
  tenantSlug,
  account,
  outcome,
  canWrite,
  actions,
}: {
  tenantSlug: string;
  account: BrandAccountDto | null;
  outcome: BrandConnectFailure | "connected" | null;
  canWrite: boolean;
  actions: { connect: FormAction; disconnect: FormAction };
}) {
  const live = account && account.status !== "DISCONNECTED" ? account : null;
  return (
    <Card
      title="The brand's X account"
      description="Replies from the inbox are posted as this account, threaded under the mention. Listening on X reads with it too, unless the app's own credentials are set below."
      headingLevel={2}
      actions={
        live ? (
          <Badge tone={live.status === "ACTIVE" ? "success" : "danger"} dot>
            {live.status === "ACTIVE" ? "Connected" : "Needs reconnecting"}
          </Badge>
        ) : (
          <Badge dot>Not connected</Badge>
        )
      }
    >
      <div className="space-y-4" data-testid="brand-account">
        {outcome === "connected" && live && (
          <Alert tone="success" title="Connected">
            {`The brand's X account @${live.handle} is connected.`}
          </Alert>
        )}
        {outcome && outcome !== "connected" && (
          <Alert tone="danger" title="Not connected">
            {FAILURES[outcome]}
          </Alert>
        )}
        {live ? (
          <dl className="grid gap-3 text-sm sm:grid-cols-2">
            <div className="min-w-0">
              <dt className="text-fg-subtle">Account</dt>
              <dd className="mt-1 truncate font-medium text-fg" dir="auto">
                @{live.handle}
              </dd>
              <dd className="truncate text-fg-muted" dir="auto">
                {live.displayName}
              </dd>
            </div>
            <div>
              <dt className="text-fg-subtle">Connected since</dt>
              <dd className="mt-1">{dateTime.format(new Date(live.connectedAt))} UTC</dd>
            </div>
          </dl>
        ) : (
          <p className="text-sm text-fg-muted">No account is connected: the inbox cannot reply on X, and X sources need the app&apos;s credentials below.</p>
        )}
        {live?.status === "NEEDS_RECONNECT" && live.lastError && (
          <Alert tone="danger" role="none" title="X refused this account's access">
            {live.lastError}
          </Alert>
        )}
        {canWrite ? (
          <div className="flex flex-wrap items-start gap-4">
            <InboxActionForm action={actions.connect} tenantSlug={tenantSlug} label="Connect the brand's X account">
              <input type="hidden" name="network" value="TWITTER" />
              <SubmitButton size="sm" pendingLabel="Opening X…">
                {live ? "Connect X again" : "Connect X"}
              </SubmitButton>
            </InboxActionForm>
            {live && (
              <InboxActionForm action={actions.disconnect} tenantSlug={tenantSlug} label="Disconnect the brand's X account">
                <input type="hidden" name="network" value="TWITTER" />
                <SubmitButton size="sm" variant="secondary" pendingLabel="Disconnecting…">
                  {`Disconnect @${live.handle}`}
                </SubmitButton>
              </InboxActionForm>
            )}
          </div>
        ) : (
          <p className="text-sm text-fg-muted">Only admins and the owner can connect or disconnect it.</p>
        )}
      </div>
    </Card>
  );
}
