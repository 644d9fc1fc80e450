import { randomUUID } from "node:crypto";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { postLedgerEntries } from "../../../src/server/modules/ledger/post-entries";

export interface MentionSeed {
  text?: string;
  postedAt?: Date;
  network?: "TWITTER" | "FOURSQUARE";
  customerId?: string | null;
  sourceId?: string | null;
  locationId?: string | null;
  sentiment?: "PROMOTER" | "PASSIVE" | "DETRACTOR" | null;
  status?: "NEW" | "CREDITED" | "PROSPECT" | "IGNORED" | "DISQUALIFIED" | "DELETED";
  triage?: "NEW" | "IN_PROGRESS" | "DONE";
}

/** One stored mention, written as the pipeline would leave it (the generated columns fill themselves). */
export async function seedMention(ctx: TenantContext, seed: MentionSeed = {}) {
  const id = randomUUID().replaceAll("-", "");
  return getDb().mention.create({
    data: {
      tenantId: ctx.tenantId,
      network: seed.network ?? "TWITTER",
      externalId: `post-${id}`,
      authorExternalId: `author-${id.slice(0, 8)}`,
      authorHandle: `fan_${id.slice(0, 8)}`,
      authorFollowers: 100,
      text: seed.text ?? `a post ${id}`,
      postedAt: seed.postedAt ?? new Date(),
      customerId: seed.customerId ?? null,
      sourceId: seed.sourceId ?? null,
      locationId: seed.locationId ?? null,
      sentimentLabel: seed.sentiment ?? null,
      sentimentScore: seed.sentiment ? (seed.sentiment === "PROMOTER" ? 0.8 : seed.sentiment === "DETRACTOR" ? -0.8 : 0) : null,
      status: seed.status ?? (seed.customerId ? "CREDITED" : "PROSPECT"),
      triage: seed.triage ?? "NEW",
    },
  });
}

/** Pays a mention's award as scoring would (a MENTION entry keyed on the mention; the batch moves the balance). */
export async function payMention(ctx: TenantContext, mention: { id: string; customerId: string | null }, amount: number, campaignId: string | null = null) {
  if (!mention.customerId) throw new Error("a prospect's mention pays nobody");
  const customerId = mention.customerId;
  await getDb().$transaction(async (tx) => {
    await postLedgerEntries(tx, ctx, [
      {
        customerId,
        amount,
        source: "MENTION",
        idempotencyKey: `mention:test:${mention.id}`,
        mentionId: mention.id,
        campaignId,
        explanation: { formula: `${amount}` },
      },
    ]);
  });
}

export function minutesAgo(minutes: number) {
  return new Date(Date.now() - minutes * 60_000);
}
