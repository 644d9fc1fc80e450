import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import type { MentionStatus, SentimentLabel } from "../../../src/server/db/generated/enums";
import { postLedgerEntries } from "../../../src/server/modules/ledger/post-entries";

export const DAY = 24 * 3600_000;
let seq = 0;

export interface MentionSpec {
  followers?: number;
  sentiment?: number | null;
  label?: SentimentLabel | null;
  metrics?: Record<string, unknown> | null;
  postedAt?: Date;
  status?: MentionStatus;
}

/** A stored mention as ingest leaves it, written by hand so the test owns its figures and times. */
export async function mention(ctx: TenantContext, customerId: string | null, spec: MentionSpec = {}): Promise<void> {
  const n = ++seq;
  const { followers = 100, sentiment = 0.5, label = "PROMOTER", metrics = null, postedAt = new Date(Date.now() - DAY), status = "CREDITED" } = spec;
  await getDb().$executeRaw`
    INSERT INTO "Mention" ("tenantId", network, "externalId", "customerId", "authorExternalId", "authorHandle", "authorFollowers",
                           text, "postedAt", metrics, "sentimentScore", "sentimentLabel", status, "updatedAt")
    VALUES (${ctx.tenantId}, 'TWITTER', ${`adv-post-${n}-${Date.now()}`}, ${customerId}, ${`author-${n}`}, ${`author_${n}`}, ${followers}, 'a post',
            ${postedAt.toISOString()}::timestamptz AT TIME ZONE 'UTC', ${metrics === null ? null : JSON.stringify(metrics)}::jsonb,
            ${sentiment}, ${label}::"SentimentLabel", ${status}::"MentionStatus", now())`;
}

/** Points earned now (a positive ADJUSTMENT is an earning source). */
export async function earn(ctx: TenantContext, customerId: string, amount: number): Promise<void> {
  await getDb().$transaction((tx) =>
    postLedgerEntries(tx, ctx, [
      { customerId, amount, source: "ADJUSTMENT", idempotencyKey: `adv-earn-${++seq}-${Date.now()}`, explanation: { formula: String(amount) } },
    ]),
  );
}

/** A linked account with a follower count (reach). */
export async function linkProfile(ctx: TenantContext, customerId: string, followersCount: number): Promise<void> {
  const n = ++seq;
  await getDb().socialProfile.create({
    data: { tenantId: ctx.tenantId, customerId, network: "TWITTER", externalUserId: `adv-user-${n}-${Date.now()}`, handle: `adv_${n}`, followersCount },
  });
}

export async function stageOf(ctx: TenantContext, customerId: string) {
  return (await getDb().customer.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: customerId }, select: { lifecycleStage: true } })).lifecycleStage;
}
