import Link from "next/link";
import { Badge } from "@/components/badge";
import { Card } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { formatUtc } from "@/features/campaigns/campaign-labels";
import { WebhookActionButton } from "@/features/webhooks/webhook-buttons";
import { WebhookForm } from "@/features/webhooks/webhook-form";
import { DELIVERY_STATUS_BADGE, WEBHOOK_STATE_BADGE } from "@/features/webhooks/webhook-labels";
import { notFoundUnlessFound } from "@/server/http/not-found";
import { requireMember } from "@/server/http/require-member";
import { WEBHOOK_EVENT_GROUPS } from "@/server/modules/webhooks/webhook-events";
import { getWebhook } from "@/server/modules/webhooks/webhooks.service";
import { deleteWebhookAction, redeliverAction, rotateWebhookSecretAction, sendTestEventAction, setWebhookEnabledAction, updateWebhookAction } from "../actions";

export const metadata = { title: "Webhook endpoint" };

export default async function WebhookPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant: slug, id } = await params;
  const { ctx, can } = await requireMember(slug, `/t/${slug}/settings/webhooks/${id}`);
  const { webhook, deliveries } = await notFoundUnlessFound(getWebhook(ctx, id));
  const canWrite = can("settings:write");
  const badge = WEBHOOK_STATE_BADGE[webhook.state];
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href={`/t/${slug}/settings/webhooks`} className="hover:underline">
            Webhooks
          </Link>
        }
        title={webhook.description || "Webhook endpoint"}
        description={webhook.url}
      />
      <div className="min-w-0 space-y-6">
        <Card title="State" headingLevel={2} className="max-w-3xl">
          <div className="space-y-3 text-sm">
            <p className="flex flex-wrap items-center gap-2">
              <Badge tone={badge.tone}>
                <span data-testid="webhook-state">{badge.label}</span>
              </Badge>
              {webhook.state === "FAILING" && webhook.failingSince && (
                <span className="text-fg-muted">every attempt has failed since {formatUtc(webhook.failingSince)}</span>
              )}
              {webhook.state === "DISABLED" && (
                <span className="text-fg-muted" data-testid="webhook-disabled-reason">
                  {webhook.disabledReason ?? "Turned off"}
                  {webhook.disabledAt ? ` (${formatUtc(webhook.disabledAt)})` : ""}
                </span>
              )}
            </p>
            {webhook.previousSecretExpiresAt && (
              <p className="text-fg-muted">The secret replaced by the last rotation also signs until {formatUtc(webhook.previousSecretExpiresAt)}.</p>
            )}
            {canWrite && (
              <div className="flex flex-wrap items-start gap-3">
                <WebhookActionButton
                  tenantSlug={slug}
                  fields={{ id: webhook.id, enabled: webhook.enabled ? "false" : "true" }}
                  action={setWebhookEnabledAction}
                  label={webhook.enabled ? "Turn off" : "Turn on"}
                  pendingLabel="Saving…"
                />
                <WebhookActionButton
                  tenantSlug={slug}
                  fields={{ id: webhook.id }}
                  action={sendTestEventAction}
                  label="Send test event"
                  pendingLabel="Queueing…"
                />
                <WebhookActionButton
                  tenantSlug={slug}
                  fields={{ id: webhook.id }}
                  action={rotateWebhookSecretAction}
                  label="Rotate secret"
                  pendingLabel="Rotating…"
                  confirm={{
                    summary: "Rotate secret…",
                    warning: "A new secret is made and shown once; the current one keeps signing for 24 hours so your receiver can switch.",
                  }}
                  variant="primary"
                />
                <WebhookActionButton
                  tenantSlug={slug}
                  fields={{ id: webhook.id }}
                  action={deleteWebhookAction}
                  label="Delete endpoint"
                  pendingLabel="Deleting…"
                  variant="danger"
                  confirm={{
                    summary: "Delete…",
                    warning: "The endpoint stops receiving events at once and its delivery log is deleted. This cannot be undone.",
                  }}
                />
              </div>
            )}
          </div>
        </Card>
        <Card title="Delivery log" headingLevel={2} className="max-w-3xl">
          {deliveries.length === 0 ? (
            <p className="text-sm text-fg-muted" data-testid="no-deliveries">
              Nothing sent yet. Events you chose appear here as they happen; “Send test event” sends one now.
            </p>
          ) : (
            <ul className="divide-y divide-line" aria-label="Deliveries">
              {deliveries.map((d) => (
                <li key={d.id} data-testid="delivery" data-delivery-id={d.id} className="min-w-0 space-y-1 py-3">
                  <div className="flex min-w-0 flex-wrap items-center gap-2">
                    <code className="font-mono text-sm break-all" data-testid="delivery-event">
                      {d.event}
                    </code>
                    <Badge tone={DELIVERY_STATUS_BADGE[d.status].tone}>
                      <span data-testid="delivery-status">{DELIVERY_STATUS_BADGE[d.status].label}</span>
                    </Badge>
                    {d.responseStatus !== null && (
                      <span className="text-xs text-fg-muted" data-testid="delivery-http">
                        HTTP {d.responseStatus}
                      </span>
                    )}
                  </div>
                  <p className="text-xs text-fg-subtle">
                    {formatUtc(d.createdAt)} · {d.attempts} attempt{d.attempts === 1 ? "" : "s"}
                    {d.durationMs !== null ? ` · ${d.durationMs} ms` : ""}
                    {d.nextAttemptAt ? ` · next attempt ${formatUtc(d.nextAttemptAt)}` : ""}
                    {d.lastError ? ` · ${d.lastError}` : ""}
                  </p>
                  <details className="text-sm">
                    <summary className="cursor-pointer text-fg-muted">Request and response</summary>
                    <p className="mt-1 text-xs text-fg-subtle">webhook-id {d.messageId}</p>
                    <pre className="mt-1 max-h-48 overflow-auto rounded-control bg-surface-muted p-2 font-mono text-xs break-all whitespace-pre-wrap">
                      {d.payload}
                    </pre>
                    <pre
                      className="mt-1 max-h-32 overflow-auto rounded-control bg-surface-muted p-2 font-mono text-xs break-all whitespace-pre-wrap"
                      data-testid="delivery-response"
                    >
                      {d.responseExcerpt ?? "(no answer)"}
                    </pre>
                  </details>
                  {canWrite && d.status !== "PENDING" && (
                    <WebhookActionButton
                      tenantSlug={slug}
                      fields={{ id: webhook.id, deliveryId: d.id }}
                      action={redeliverAction}
                      label="Redeliver"
                      pendingLabel="Queueing…"
                      ariaLabel={`Redeliver ${d.event} of ${formatUtc(d.createdAt)}`}
                    />
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>
        {canWrite && (
          <Card title="Endpoint" headingLevel={2} className="max-w-3xl">
            <WebhookForm tenantSlug={slug} groups={WEBHOOK_EVENT_GROUPS} action={updateWebhookAction} webhook={webhook} />
          </Card>
        )}
      </div>
    </>
  );
}
