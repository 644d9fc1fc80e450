import { assertCan, type TenantContext } from "../../../auth/tenant-context";
import { getDb } from "../../../db/client";

export interface InboxOption {
  value: string;
  label: string;
}

export interface InboxOptions {
  sources: InboxOption[];
  locations: InboxOption[];
  campaigns: InboxOption[];
  members: InboxOption[];
  /** The brand's tags in use, for the tag filter. */
  tags: InboxOption[];
  /** The brand's customer segments, for the segment filter. */
  segments: InboxOption[];
}

/**
 * What the inbox's filters and assignment offer: the brand's tracked terms, locations, campaigns,
 * members, tags and segments. Bounded lists (a brand has tens of each); labels are the brand's own text.
 */
export async function listInboxOptions(ctx: TenantContext): Promise<InboxOptions> {
  assertCan(ctx, "mentions:read");
  const db = getDb();
  const where = { tenantId: ctx.tenantId };
  const [sources, locations, campaigns, members, tags, segments] = await Promise.all([
    db.listeningSource.findMany({ where, select: { id: true, network: true, value: true }, orderBy: [{ value: "asc" }, { id: "asc" }], take: 500 }),
    db.location.findMany({ where, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }], take: 500 }),
    db.campaign.findMany({ where, select: { id: true, name: true }, orderBy: [{ startsAt: "desc" }, { id: "asc" }], take: 500 }),
    db.membership.findMany({ where, select: { id: true, user: { select: { name: true } } }, orderBy: { createdAt: "asc" }, take: 500 }),
    db.mentionTag.findMany({ where, distinct: ["tag"], select: { tag: true }, orderBy: { tag: "asc" }, take: 500 }),
    db.segment.findMany({ where, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }], take: 500 }),
  ]);
  return {
    sources: sources.map((s) => ({ value: s.id, label: `${s.value} (${s.network === "TWITTER" ? "X" : "Foursquare"})` })),
    locations: locations.map((l) => ({ value: l.id, label: l.name })),
    campaigns: campaigns.map((c) => ({ value: c.id, label: c.name })),
    members: members.map((m) => ({ value: m.id, label: m.user.name })),
    tags: tags.map((t) => ({ value: t.tag, label: t.tag })),
    segments: segments.map((s) => ({ value: s.id, label: s.name })),
  };
}
