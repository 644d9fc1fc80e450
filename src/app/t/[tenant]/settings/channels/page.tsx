import { Alert } from "@/components/alert";
import { Badge } from "@/components/badge";
import { Card } from "@/components/card";
import { BrandAccountCard } from "@/features/channels/brand-account-card";
import { ConnectionActions } from "@/features/channels/connection-actions";
import { CredentialsForm } from "@/features/channels/credentials-form";
import { CONNECTION_LABELS, CONNECTION_TONES } from "@/features/channels/labels";
import { requireMember } from "@/server/http/require-member";
import type { ChannelConnectionDto } from "@/server/modules/channels/channel.schemas";
import { listChannelConnections } from "@/server/modules/channels/channel.service";
import { ZBrandConnectFailure } from "@/server/modules/brand-accounts/brand-account.schemas";
import { getBrandAccount } from "@/server/modules/brand-accounts/brand-accounts";
import { registeredNetworks } from "@/server/social/provider-registry";
import { deleteChannelAction, saveChannelAction, setChannelEnabledAction } from "./actions";
import { connectBrandAccountAction, disconnectBrandAccountAction } from "./brand-account-actions";
import { SettingsPageHeader } from "@/features/settings/settings-page-header";

export const metadata = { title: "Channel credentials" };

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** One card per registered network (src/server/social/provider-registry.ts). */
const NETWORKS = registeredNetworks().map((entry) => ({ network: entry.network, name: entry.label, text: entry.connectionHelp }));

/** The "Connect X" callback's outcome, from the URL; anything else is ignored. */
function brandOutcome(value: string | string[] | undefined) {
  if (value === "connected") return "connected" as const;
  const failure = ZBrandConnectFailure.safeParse(value);
  return failure.success ? failure.data : null;
}

export default async function ChannelsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenant: slug } = await params;
  const { ctx, can } = await requireMember(slug, `/t/${slug}/settings/channels`);
  const [connections, brandAccount] = await Promise.all([listChannelConnections(ctx), getBrandAccount(ctx, "TWITTER")]);
  const outcome = brandOutcome((await searchParams).brandAccount);
  const canWrite = can("settings:write");
  return (
    <>
      <SettingsPageHeader
        slug={slug}
        title="Channel credentials"
        description="The credentials Megaphone uses to listen on each network. They are stored encrypted and are never shown again: only a masked reminder."
      />
      <Alert tone="info" role="none" className="mb-6">
        Running against the local social sandbox? Its development credentials (a fixed X bearer token, the X and Foursquare client ids and secrets) are listed
        in <code>docs/sandbox.md</code>, under “Development credentials”.
      </Alert>
      <div className="mb-6">
        <BrandAccountCard
          tenantSlug={slug}
          account={brandAccount}
          outcome={outcome}
          canWrite={canWrite}
          actions={{ connect: connectBrandAccountAction, disconnect: disconnectBrandAccountAction }}
        />
      </div>
      <h2 className="mb-3 text-lg font-semibold text-fg">Listening: the app&apos;s credentials</h2>
      <div className="grid gap-6 xl:grid-cols-2">
        {NETWORKS.map(({ network, name, text }) => {
          const mine = connections.filter((c) => c.network === network);
          // The brand's connected account reads X when no app credentials are active (listening-credential.ts).
          const viaBrand = network === "TWITTER" && brandAccount?.status === "ACTIVE" && !mine.some((c) => c.status === "ACTIVE") ? brandAccount : null;
          return (
            <Card
              key={network}
              title={name}
              description={text}
              headingLevel={2}
              actions={
                viaBrand ? (
                  <Badge tone="success" dot>
                    Through the brand account
                  </Badge>
                ) : (
                  <StatusBadge connection={mine[0]} />
                )
              }
            >
              <div className="space-y-5">
                {viaBrand && (
                  <p className="text-sm text-fg-muted" data-testid="listening-via-brand" dir="auto">
                    {`No app credentials are active: ${name} sources are read with the brand's connected account @${viaBrand.handle}.`}
                  </p>
                )}
                {mine.length === 0
                  ? !viaBrand && <p className="text-sm text-fg-muted">No credentials yet: {name} sources are not polled.</p>
                  : mine.map((c) => <ConnectionSummary key={c.id} connection={c} showLabel={mine.length > 1} />)}
                {canWrite && mine[0] && (
                  <ConnectionActions
                    tenantSlug={slug}
                    connectionId={mine[0].id}
                    networkLabel={name}
                    disabled={mine[0].status === "DISABLED"}
                    toggleAction={setChannelEnabledAction}
                    deleteAction={deleteChannelAction}
                  />
                )}
                {canWrite ? (
                  <div className="space-y-5 border-t border-line pt-5">
                    <h3 className="text-sm font-semibold text-fg">{mine.length ? "Replace the credentials" : "Set the credentials"}</h3>
                    {network === "TWITTER" ? (
                      <details className="space-y-5" open={mine.length > 0}>
                        <summary className="cursor-pointer text-sm font-medium text-fg">
                          Advanced: the app&apos;s own bearer token or client credentials
                        </summary>
                        <p className="text-sm text-fg-muted">
                          “Connect X” above is enough to listen. Set the app&apos;s credentials when listening should not depend on the brand account.
                        </p>
                        <CredentialsForm
                          tenantSlug={slug}
                          network="TWITTER"
                          kind="bearer"
                          submitLabel="Save bearer token"
                          action={saveChannelAction}
                          fields={[
                            {
                              name: "bearerToken",
                              label: "App bearer token",
                              hint: "From the X developer portal: Keys and tokens → Bearer token.",
                              secret: true,
                            },
                          ]}
                        />
                        <details className="rounded-card border border-line p-4">
                          <summary className="cursor-pointer text-sm font-medium text-fg">Or use the app&apos;s client id and secret</summary>
                          <p className="mt-2 mb-4 text-sm text-fg-muted">
                            Megaphone exchanges them for a bearer token (OAuth 2.0 client credentials) when it polls.
                          </p>
                          <CredentialsForm
                            tenantSlug={slug}
                            network="TWITTER"
                            kind="client_credentials"
                            submitLabel="Save client credentials"
                            action={saveChannelAction}
                            fields={[
                              { name: "clientId", label: "Client id (API key)", secret: false },
                              { name: "clientSecret", label: "Client secret (API key secret)", secret: true },
                            ]}
                          />
                        </details>
                      </details>
                    ) : (
                      <CredentialsForm
                        tenantSlug={slug}
                        network="FOURSQUARE"
                        kind="app"
                        submitLabel="Save Foursquare credentials"
                        action={saveChannelAction}
                        fields={[
                          { name: "clientId", label: "Client id", secret: false },
                          { name: "clientSecret", label: "Client secret", secret: true },
                          { name: "pushSecret", label: "Push secret", hint: "Check-in pushes that do not carry it are refused.", secret: true },
                        ]}
                      />
                    )}
                  </div>
                ) : (
                  <p className="text-sm text-fg-muted">Only admins and the owner can change credentials.</p>
                )}
              </div>
            </Card>
          );
        })}
      </div>
    </>
  );
}

function StatusBadge({ connection }: { connection: ChannelConnectionDto | undefined }) {
  if (!connection) return <Badge dot>Not set</Badge>;
  return (
    <Badge tone={CONNECTION_TONES[connection.status]} dot>
      {CONNECTION_LABELS[connection.status]}
    </Badge>
  );
}

function ConnectionSummary({ connection, showLabel }: { connection: ChannelConnectionDto; showLabel: boolean }) {
  return (
    <div className="space-y-3">
      <dl className="grid gap-3 text-sm sm:grid-cols-2">
        {showLabel && (
          <div>
            <dt className="text-fg-subtle">Label</dt>
            <dd className="mt-1">{connection.label}</dd>
          </div>
        )}
        <div>
          <dt className="text-fg-subtle">Stored</dt>
          <dd className="mt-1 font-mono text-[13px] break-all">{connection.hint}</dd>
        </div>
        <div>
          <dt className="text-fg-subtle">Last changed</dt>
          <dd className="mt-1">{dateTime.format(new Date(connection.updatedAt))} UTC</dd>
        </div>
      </dl>
      {connection.lastError && connection.status !== "ACTIVE" && (
        <Alert tone="danger" role="none" title="The network refused these credentials">
          {connection.lastError}
        </Alert>
      )}
    </div>
  );
}
