import Link from "next/link";
import { Alert } from "@/components/alert";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { RssIcon } from "@/components/icons";
import { AddSourceForm } from "@/features/listening/add-source-form";
import { SourcesTable } from "@/features/listening/sources-table";
import { appUrl } from "@/server/http/portal-route";
import { requireMember } from "@/server/http/require-member";
import { feedbackPath, qrCodeDataUrl } from "@/server/modules/feedback/feedback-links";
import { listChannelConnections } from "@/server/modules/channels/channel.service";
import { AddLocationForm } from "@/features/listening/add-location-form";
import { CheckinPollingTable } from "@/features/listening/checkin-polling-table";
import { LocationsTable } from "@/features/listening/locations-table";
import { listLocations } from "@/server/modules/listening/location.service";
import { countMentionsPerSource } from "@/server/modules/listening/source-figures";
import { listSources } from "@/server/modules/listening/source.service";
import { getCheckinListening } from "@/server/pipeline/checkins/checkin-status.service";
import { networkLabel } from "@/server/social/provider-registry";
import { createLocationAction, createSourceAction, deleteLocationAction, deleteSourceAction, setSourceEnabledAction } from "./actions";
import { getBrandAccount } from "@/server/modules/brand-accounts/brand-accounts";
import { SettingsPageHeader } from "@/features/settings/settings-page-header";

export const metadata = { title: "Listening" };

export default async function ListeningPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { ctx, can } = await requireMember(slug, `/t/${slug}/settings/listening`);
  const [sources, mentionCounts, connections, locations, checkins, brandAccount] = await Promise.all([
    listSources(ctx),
    countMentionsPerSource(ctx),
    listChannelConnections(ctx),
    listLocations(ctx),
    getCheckinListening(ctx),
    getBrandAccount(ctx, "TWITTER"),
  ]);
  const canWrite = can("settings:write");
  const feedbackLinks = Object.fromEntries(
    await Promise.all(
      locations.map(async (l) => {
        const url = appUrl(feedbackPath(slug, l.id));
        return [l.id, { url, qr: await qrCodeDataUrl(url) }] as const;
      }),
    ),
  );
  const activeNetworks = new Set(connections.filter((c) => c.status === "ACTIVE").map((c) => c.network));
  // The brand's connected X account reads X when no app credentials do (listening-credential.ts).
  if (brandAccount?.status === "ACTIVE") activeNetworks.add("TWITTER");
  const missing = [...new Set(sources.filter((s) => s.enabled).map((s) => s.network))].filter((n) => !activeNetworks.has(n));
  const waiting = sources.filter((s) => s.sync.status === "NEEDS_RECONNECT").length;
  return (
    <>
      <SettingsPageHeader
        slug={slug}
        title="Listening"
        description="Keywords, hashtags and handles tracked on X, each polled on its own schedule; and your locations, where customers' Foursquare check-ins count."
      />
      <div className="space-y-6">
        {(missing.length > 0 || waiting > 0) && (
          <Alert tone="warning" title="Some sources cannot be polled">
            {missing.length > 0 && <>No working {missing.map(networkLabel).join(" or ")} credentials. </>}
            {waiting > 0 && <>{waiting === 1 ? "One source is" : `${waiting} sources are`} waiting for a reconnect. </>}
            <Link href={`/t/${slug}/settings/channels`}>Connect X or set channel credentials</Link>; waiting sources resume as soon as they are saved.
          </Alert>
        )}
        <Card title="Sources" description={`${sources.length} tracked`} headingLevel={2} flush>
          {sources.length === 0 ? (
            <EmptyState
              icon={<RssIcon />}
              headingLevel={3}
              title="Nothing tracked yet"
              description={
                canWrite
                  ? "Add your brand's hashtag, handle or a keyword below to start collecting mentions."
                  : "An admin can add keywords, hashtags, handles and venues here."
              }
            />
          ) : (
            <SourcesTable
              sources={sources}
              mentionCounts={mentionCounts}
              tenantSlug={slug}
              actions={canWrite ? { toggle: setSourceEnabledAction, remove: deleteSourceAction } : undefined}
            />
          )}
        </Card>
        {canWrite ? (
          <Card title="Add a source" headingLevel={2} className="max-w-3xl">
            <AddSourceForm tenantSlug={slug} action={createSourceAction} />
          </Card>
        ) : (
          <p className="text-sm text-fg-muted">Only admins and the owner can change what is tracked.</p>
        )}
        <Card
          title="Brand locations"
          description="Your stores and venues. Give a location its Foursquare venue to track it: check-ins there by customers who linked Foursquare earn points under your Check-in rules. Check-ins anywhere else are never stored. Print a location's feedback QR code for your counter: it opens the rewards portal's feedback form for that location."
          headingLevel={2}
          flush
        >
          {locations.length === 0 ? (
            <p className="px-5 py-4 text-sm text-fg-muted">No locations yet.</p>
          ) : (
            <LocationsTable locations={locations} tenantSlug={slug} feedbackLinks={feedbackLinks} deleteAction={canWrite ? deleteLocationAction : undefined} />
          )}
          {canWrite && (
            <div className="border-t border-line px-5 py-4">
              <AddLocationForm tenantSlug={slug} action={createLocationAction} />
            </div>
          )}
        </Card>
        <Card
          title="Foursquare check-ins"
          description="Linked Foursquare accounts are polled for new check-ins at your venues, and Foursquare pushes each check-in as it happens."
          headingLevel={2}
          flush
        >
          <div className="space-y-3 px-5 py-4 text-sm">
            <p>
              Push URL for your Foursquare app: <code className="font-mono text-xs break-all">{checkins.pushUrl}</code>
              <span className="block text-xs text-fg-muted">
                Pushes must carry the push secret saved with your Foursquare channel credentials; anything else is refused.
              </span>
            </p>
            {!checkins.connected && (
              <Alert tone="warning" title="No Foursquare credentials" role="none">
                Pushes are refused until <Link href={`/t/${slug}/settings/channels`}>Foursquare channel credentials</Link> with the push secret are saved.
              </Alert>
            )}
            {checkins.trackedVenues === 0 && (
              <Alert tone="info" title="No venue tracked yet" role="none">
                Give a location above its Foursquare venue id: until then no account is polled and every check-in is ignored.
              </Alert>
            )}
          </div>
          {checkins.profiles.length === 0 ? (
            <p className="border-t border-line px-5 py-4 text-sm text-fg-muted">No customer has linked a Foursquare account yet.</p>
          ) : (
            <div className="border-t border-line">
              <CheckinPollingTable profiles={checkins.profiles} tenantSlug={slug} />
              {checkins.truncated && <p className="px-5 py-3 text-xs text-fg-muted">Showing the {checkins.profiles.length} most recently linked accounts.</p>}
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
