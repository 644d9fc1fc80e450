import Link from "next/link";
import { Badge } from "@/components/badge";
import { Card } from "@/components/card";
import { formatUtc } from "@/features/campaigns/campaign-labels";
import { WebhookForm } from "@/features/webhooks/webhook-form";
import { WEBHOOK_STATE_BADGE } from "@/features/webhooks/webhook-labels";
import { requireMember } from "@/server/http/require-member";
import { WEBHOOK_EVENT_GROUPS } from "@/server/modules/webhooks/webhook-events";
import { listWebhooks } from "@/server/modules/webhooks/webhooks.service";
import { createWebhookAction } from "./actions";
import { SettingsPageHeader } from "@/features/settings/settings-page-header";

export const metadata = { title: "Webhooks" };

export default async function WebhooksPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { ctx, can } = await requireMember(slug, `/t/${slug}/settings/webhooks`);
  const webhooks = await listWebhooks(ctx);
  const canWrite = can("settings:write");
  return (
    <>
      <SettingsPageHeader
        slug={slug}
        title="Webhooks"
        description="Megaphone POSTs a signed JSON event to your endpoints when something happens: a customer is created, a mention is scored, points are awarded, a reward is redeemed."
      />
      <div className="min-w-0 space-y-6">
        <Card title="Endpoints" headingLevel={2} className="max-w-3xl">
          {webhooks.length === 0 ? (
            <p className="text-sm text-fg-muted" data-testid="no-webhooks">
              No endpoint yet.
            </p>
          ) : (
            <ul className="divide-y divide-line" aria-label="Webhook endpoints">
              {webhooks.map((w) => (
                <li key={w.id} data-testid="webhook" data-webhook-id={w.id} className="min-w-0 space-y-1 py-3">
                  <div className="flex min-w-0 flex-wrap items-center gap-2">
                    <Link href={`/t/${slug}/settings/webhooks/${w.id}`} className="min-w-0 font-medium break-all text-brand-700 hover:underline">
                      {w.url}
                    </Link>
                    <Badge tone={WEBHOOK_STATE_BADGE[w.state].tone}>{WEBHOOK_STATE_BADGE[w.state].label}</Badge>
                  </div>
                  {w.description && <p className="text-sm break-words">{w.description}</p>}
                  <p className="text-xs break-words text-fg-muted" data-testid="webhook-events">
                    {w.events.join(", ")}
                  </p>
                  <p className="text-xs text-fg-subtle">
                    Last delivery:{" "}
                    <span data-testid="webhook-last-delivery">
                      {w.lastDelivery
                        ? `${w.lastDelivery.status.toLowerCase()} ${formatUtc(w.lastDelivery.at)}${w.lastDelivery.responseStatus ? ` (HTTP ${w.lastDelivery.responseStatus})` : ""}`
                        : "none yet"}
                    </span>
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Card>
        {canWrite ? (
          <Card title="Add an endpoint" headingLevel={2} className="max-w-3xl">
            <WebhookForm tenantSlug={slug} groups={WEBHOOK_EVENT_GROUPS} action={createWebhookAction} />
          </Card>
        ) : (
          <p className="text-sm text-fg-muted">Only admins and the owner can add or change endpoints.</p>
        )}
        <Card title="Verifying a delivery" headingLevel={2} className="max-w-3xl">
          <div className="space-y-2 text-sm text-fg-muted">
            <p>
              Deliveries follow the Standard Webhooks convention: <code>webhook-id</code> (the same on every retry: drop duplicates by it),{" "}
              <code>webhook-timestamp</code> and <code>webhook-signature</code> (HMAC-SHA256 of <code>id.timestamp.body</code> with the endpoint&apos;s secret).
              Any Standard Webhooks library verifies them. After a secret rotation, both the old and the new secret sign for a day.
            </p>
            <p>
              Answer with a 2xx within 10 seconds. Anything else is retried after 5 seconds, 5 minutes, 30 minutes, 2, 5, 10 and 10 hours; an endpoint whose
              every attempt failed for more than a day is turned off and the brand&apos;s admins are emailed.
            </p>
          </div>
        </Card>
      </div>
    </>
  );
}
