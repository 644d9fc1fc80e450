import type { TenantContext } from "../../../auth/tenant-context";
import type { DbTx } from "../../../db/client";
import type { MentionDto } from "./mention.schemas";

export const MENTION_SELECT = {
  id: true,
  network: true,
  externalId: true,
  status: true,
  customerId: true,
  authorExternalId: true,
  authorHandle: true,
  authorFollowers: true,
  text: true,
  url: true,
  lang: true,
  postedAt: true,
  createdAt: true,
  deletedUpstreamAt: true,
  matchedKeywords: true,
  sentimentScore: true,
  sentimentLabel: true,
  isRetweet: true,
  isReply: true,
} as const;

interface MentionRow {
  id: string;
  network: MentionDto["network"];
  externalId: string;
  status: MentionDto["status"];
  customerId: string | null;
  authorExternalId: string;
  authorHandle: string;
  authorFollowers: number;
  text: string;
  url: string | null;
  lang: string | null;
  postedAt: Date;
  createdAt: Date;
  deletedUpstreamAt: Date | null;
  matchedKeywords: string[];
  sentimentScore: number | null;
  sentimentLabel: "PROMOTER" | "PASSIVE" | "DETRACTOR" | null;
  isRetweet: boolean;
  isReply: boolean;
}

export type MentionPoints = MentionDto["points"];
const NO_POINTS: MentionPoints = { paid: 0, reversed: 0, net: 0 };

/** Only http(s) URLs leave as URLs: a `javascript:` or other scheme never becomes a link. */
export function safeHttpUrl(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}

/** Prisma rows never reach React or JSON: this is a mention's public shape. */
export function toMentionDto(row: MentionRow, points: MentionPoints = NO_POINTS): MentionDto {
  return {
    id: row.id,
    network: row.network,
    externalId: row.externalId,
    status: row.status,
    customerId: row.customerId,
    author: { externalId: row.authorExternalId, handle: row.authorHandle, followers: row.authorFollowers },
    text: row.text,
    url: safeHttpUrl(row.url),
    lang: row.lang,
    postedAt: row.postedAt.toISOString(),
    collectedAt: row.createdAt.toISOString(),
    deletedUpstreamAt: row.deletedUpstreamAt?.toISOString() ?? null,
    matchedKeywords: [...row.matchedKeywords],
    sentiment: row.sentimentScore !== null && row.sentimentLabel !== null ? { score: row.sentimentScore, label: row.sentimentLabel } : null,
    isRetweet: row.isRetweet,
    isReply: row.isReply,
    points,
  };
}

/**
 * Points per mention from the ledger, one grouped query: `paid` sums the earning entries
 * (positive, not reversals), `reversed` the reversals of them (zero or negative).
 */
export async function loadMentionPoints(tx: Pick<DbTx, "ledgerEntry">, ctx: TenantContext, mentionIds: string[]): Promise<Map<string, MentionPoints>> {
  if (mentionIds.length === 0) return new Map();
  const rows = await tx.ledgerEntry.groupBy({
    by: ["mentionId", "source"],
    where: { tenantId: ctx.tenantId, mentionId: { in: mentionIds } },
    _sum: { amount: true },
  });
  const out = new Map<string, MentionPoints>();
  for (const row of rows) {
    if (!row.mentionId) continue;
    const points = out.get(row.mentionId) ?? { ...NO_POINTS };
    const sum = row._sum.amount ?? 0;
    if (row.source === "REVERSAL") points.reversed += sum;
    else points.paid += sum;
    points.net = points.paid + points.reversed;
    out.set(row.mentionId, points);
  }
  return out;
}
