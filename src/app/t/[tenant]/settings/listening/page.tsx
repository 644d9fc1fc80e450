import Link from "next/link";
import { Alert } from "@/components/alert";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { RssIcon } from "@/components/icons";
import { PageHeader } from "@/components/page-header";
import { AddSourceForm } from "@/features/listening/add-source-form";
import { SourcesTable } from "@/features/listening/sources-table";
import { requireMember } from "@/server/http/require-member";
import { listChannelConnections } from "@/server/modules/channels/channel.service";
import { AddLocationForm } from "@/features/listening/add-location-form";
import { LocationsTable } from "@/features/listening/locations-table";
import { listLocations } from "@/server/modules/listening/location.service";
import { listSources } from "@/server/modules/listening/source.service";
import { createLocationAction, createSourceAction, deleteLocationAction, deleteSourceAction, setSourceEnabledAction } from "./actions";

export const metadata = { title: "Listening" };

export default async function ListeningPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { ctx, can } = await requireMember(slug, `/t/${slug}/settings/listening`);
  const [sources, connections, locations] = await Promise.all([listSources(ctx), listChannelConnections(ctx), listLocations(ctx)]);
  const canWrite = can("settings:write");
  const activeNetworks = new Set(connections.filter((c) => c.status === "ACTIVE").map((c) => c.network));
  const missing = [...new Set(sources.filter((s) => s.enabled).map((s) => s.network))].filter((n) => !activeNetworks.has(n));
  const waiting = sources.filter((s) => s.sync.status === "NEEDS_RECONNECT").length;
  return (
    <>
      <PageHeader
        eyebrow={<Link href={`/t/${slug}/settings`} className="hover:underline">Settings</Link>}
        title="Listening"
        description="Keywords, hashtags and handles tracked on X, and venues whose Foursquare check-ins count. Each source is polled on its own schedule."
      />
      <div className="space-y-6">
        {(missing.length > 0 || waiting > 0) && (
          <Alert tone="warning" title="Some sources cannot be polled">
            {missing.length > 0 && <>No working {missing.map((n) => (n === "TWITTER" ? "X" : "Foursquare")).join(" or ")} credentials. </>}
            {waiting > 0 && <>{waiting === 1 ? "One source is" : `${waiting} sources are`} waiting for a reconnect. </>}
            <Link href={`/t/${slug}/settings/channels`}>Set channel credentials</Link>; waiting sources resume as soon as they are saved.
          </Alert>
        )}
        <Card title="Sources" description={`${sources.length} tracked`} headingLevel={2} flush>
          {sources.length === 0 ? (
            <EmptyState
              icon={<RssIcon />}
              headingLevel={3}
              title="Nothing tracked yet"
              description={canWrite ? "Add your brand's hashtag, handle or a keyword below to start collecting mentions." : "An admin can add keywords, hashtags, handles and venues here."}
            />
          ) : (
            <SourcesTable
              sources={sources}
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
          description="Your stores and venues. A Foursquare check-in at a location's venue is credited to it; track the venue above to collect its check-ins."
          headingLevel={2}
          flush
        >
          {locations.length === 0 ? (
            <p className="px-5 py-4 text-sm text-fg-muted">No locations yet.</p>
          ) : (
            <LocationsTable locations={locations} tenantSlug={slug} deleteAction={canWrite ? deleteLocationAction : undefined} />
          )}
          {canWrite && (
            <div className="border-t border-line px-5 py-4">
              <AddLocationForm tenantSlug={slug} action={createLocationAction} />
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
