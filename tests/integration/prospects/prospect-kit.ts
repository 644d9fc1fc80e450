import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { unsafeCrossTenantDb } from "../../../src/server/db/client";

let seq = 0;

/** A PROSPECT mention as the ingest stores one for an author linked to no customer. */
export async function prospectMention(
  ctx: TenantContext,
  author: { id: string; handle: string; followers: number },
  options: { positive?: boolean; network?: "TWITTER" | "FOURSQUARE"; postedAt?: Date; locationId?: string; status?: "PROSPECT" | "NEW" | "DELETED" } = {},
) {
  seq += 1;
  const positive = options.positive ?? true;
  return unsafeCrossTenantDb().mention.create({
    data: {
      tenantId: ctx.tenantId,
      network: options.network ?? "TWITTER",
      externalId: `${Date.now()}${seq}`,
      authorExternalId: author.id,
      authorHandle: author.handle,
      authorFollowers: author.followers,
      text: positive ? `love this brand ${seq}` : `meh ${seq}`,
      postedAt: options.postedAt ?? new Date(),
      matchedKeywords: ["brand"],
      sentimentScore: positive ? 0.8 : 0,
      sentimentLabel: positive ? "PROMOTER" : "PASSIVE",
      status: options.status ?? "PROSPECT",
      locationId: options.locationId ?? null,
    },
  });
}
