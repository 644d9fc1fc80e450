import { Badge } from "@/components/badge";
import { Card } from "@/components/card";
import { CreateApiKeyForm } from "@/features/api-keys/create-api-key-form";
import { RevokeApiKey } from "@/features/api-keys/revoke-api-key";
import { formatUtc } from "@/features/campaigns/campaign-labels";
import { API_SCOPE_GROUPS, type ApiScopeGroup } from "@/server/auth/api-scopes";
import { getEnv } from "@/server/env";
import { requireMember } from "@/server/http/require-member";
import { listApiKeys } from "@/server/modules/api-keys/api-keys.service";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";
import { SettingsPageHeader } from "@/features/settings/settings-page-header";

export const metadata = { title: "API keys" };

const STATE_BADGE = {
  ACTIVE: { label: "Active", tone: "success" },
  EXPIRED: { label: "Expired", tone: "warning" },
  REVOKED: { label: "Revoked", tone: "neutral" },
} as const;

const GROUP_LABELS: Record<ApiScopeGroup, string> = {
  customers: "Customers",
  mentions: "Mentions",
  ledger: "Ledger and balances",
  rewards: "Rewards and redemptions",
  config: "Configuration (rules, campaigns, segments, listening, locations)",
};

export default async function ApiKeysPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { ctx, can } = await requireMember(slug, `/t/${slug}/settings/api-keys`);
  const keys = await listApiKeys(ctx);
  const canWrite = can("settings:write");
  const example = `curl -H "Authorization: Bearer mgp_…" ${new URL(getEnv().APP_URL).origin}/api/v1/tenants/${slug}/customers`;
  return (
    <>
      <SettingsPageHeader
        slug={slug}
        title="API keys"
        description="Keys let another system (a POS, a shop, a CRM) call Megaphone's REST API for this brand, within the scopes you choose."
      />
      <div className="min-w-0 space-y-6">
        {canWrite ? (
          <Card title="Create a key" headingLevel={2} className="max-w-3xl">
            <CreateApiKeyForm tenantSlug={slug} groups={API_SCOPE_GROUPS.map((group) => ({ group, label: GROUP_LABELS[group] }))} action={createApiKeyAction} />
          </Card>
        ) : (
          <p className="text-sm text-fg-muted">Only admins and the owner can create or revoke keys.</p>
        )}
        <Card title="Keys" headingLevel={2} className="max-w-3xl">
          {keys.length === 0 ? (
            <p className="text-sm text-fg-muted" data-testid="no-api-keys">
              No key yet.
            </p>
          ) : (
            <ul className="divide-y divide-line" aria-label="API keys">
              {keys.map((key) => (
                <li key={key.id} data-testid="api-key" data-key-id={key.id} className="min-w-0 space-y-1 py-3">
                  <div className="flex min-w-0 flex-wrap items-center gap-2">
                    <span className="min-w-0 font-medium break-words">{key.name}</span>
                    <code className="font-mono text-xs text-fg-muted" data-testid="api-key-prefix">
                      {key.prefix}…
                    </code>
                    <Badge tone={STATE_BADGE[key.state].tone}>{STATE_BADGE[key.state].label}</Badge>
                  </div>
                  <p className="text-sm break-words text-fg-muted" data-testid="api-key-scopes">
                    {key.scopes.join(", ")}
                  </p>
                  <p className="text-xs text-fg-subtle">
                    Created {formatUtc(key.createdAt)} · last used{" "}
                    <span data-testid="api-key-last-used">{key.lastUsedAt ? formatUtc(key.lastUsedAt) : "never"}</span> ·{" "}
                    {key.revokedAt ? `revoked ${formatUtc(key.revokedAt)}` : `expires ${key.expiresAt ? formatUtc(key.expiresAt) : "never"}`}
                  </p>
                  {canWrite && key.state === "ACTIVE" && <RevokeApiKey tenantSlug={slug} id={key.id} name={key.name} action={revokeApiKeyAction} />}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Calling the API" headingLevel={2} className="max-w-3xl">
          <div className="space-y-2 text-sm">
            <p className="text-fg-muted">
              Send the key as a bearer token on every request to <code>/api/v1/tenants/{slug}/…</code>. Each key may make up to{" "}
              {getEnv().API_KEY_REQUESTS_PER_MINUTE.toLocaleString("en")} requests a minute; every answer says how many are left (
              <code>RateLimit-Remaining</code>
              ), and beyond it the answer is 429 with <code>Retry-After</code>.
            </p>
            <pre className="overflow-x-auto rounded-control bg-surface-muted p-3 font-mono text-xs">{example}</pre>
          </div>
        </Card>
      </div>
    </>
  );
}
