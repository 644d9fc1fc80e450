import Link from "next/link";
import { Badge } from "@/components/badge";
import { Card } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { requireMember } from "@/server/http/require-member";

export const metadata = { title: "Settings" };

const AREAS = [
  { key: "members", title: "Team", text: "Members, roles and invitations.", built: true },
  { key: "rules", title: "Point rules", text: "Base points per channel and action, influence curve, daily caps, minimum sentiment.", built: true },
  { key: "tiers", title: "Tiers", text: "Loyalty tiers by points earned in a rolling period, and that period.", built: true },
  { key: "listening", title: "Listening", text: "Tracked keywords, hashtags, brand handles and venues.", built: true },
  {
    key: "channels",
    title: "Channel credentials",
    text: "The brand's X account for inbox replies, and your X and Foursquare app credentials, stored encrypted.",
    built: true,
  },
  { key: "brand", title: "Brand", text: "Your brand's colour and logo in the rewards portal.", built: true },
  { key: "deletions", title: "Deleted posts", text: "How long collected posts are checked for deletion, and the last check's findings.", built: true },
  { key: "api-keys", title: "API keys", text: "Scoped keys for the REST API: create, see last use, revoke.", built: true },
  {
    key: "webhooks",
    title: "Webhooks",
    text: "Signed events to your endpoints (customers, mentions, points, rewards, feedback), with a delivery log.",
    built: true,
  },
  { key: "privacy", title: "Privacy", text: "What customers agree to, your privacy policy link, data export and erasure.", built: true },
] as const;

/** Platform-level pages, shown to members who may change settings (admins and owners). */
const ADMIN_AREAS = [
  { key: "queues", title: "Queues", text: "Background jobs: counts per state, the latest failures, retry.", built: true },
  { key: "audit", title: "Audit log", text: "Who changed what in this brand, and when.", built: true },
] as const;

export default async function SettingsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { can } = await requireMember(slug, `/t/${slug}/settings`);
  const areas = can("settings:write") ? [...AREAS, ...ADMIN_AREAS] : AREAS;
  return (
    <>
      <PageHeader title="Settings" description="How this brand listens, rewards and who works in it." />
      <div className="grid gap-4 sm:grid-cols-2">
        {areas.map((area) => (
          <Card
            key={area.key}
            headingLevel={2}
            title={
              area.built ? (
                <Link className="hover:text-brand-700 hover:underline" href={`/t/${slug}/settings/${area.key}`}>
                  {area.title}
                </Link>
              ) : (
                area.title
              )
            }
            actions={area.built ? undefined : <Badge>Not built yet</Badge>}
          >
            <p className="text-sm text-fg-muted">{area.text}</p>
          </Card>
        ))}
      </div>
    </>
  );
}
