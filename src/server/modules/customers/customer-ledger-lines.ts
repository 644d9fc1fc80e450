import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { describeEntry } from "../ledger/ledger-explanation";
import { parseExplanation } from "../ledger/ledger.mapper";
import { safePostUrl } from "../mentions/safe-post-url";
import type { PointsSummaryDto, StaffLedgerLine } from "./customer-360.schemas";

const EXCERPT_CHARS = 120;

/** The first words of a post, cut on a code point (never half an emoji). */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const chars = Array.from(text.replace(/\s+/g, " ").trim());
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : chars.join("");
}

/** Balance and lifetime from the balance row the ledger maintains; pending from unfulfilled redemptions' entries (as the portal counts its hold). */
export async function customerPointsSummary(ctx: TenantContext, customerId: string): Promise<PointsSummaryDto> {
  assertCan(ctx, "ledger:read");
  const { tenantId } = ctx;
  const db = getDb();
  const [balance, held] = await Promise.all([
    db.pointBalance.findFirst({ where: { tenantId, customerId }, select: { balance: true, lifetimeEarned: true } }),
    db.ledgerEntry.aggregate({
      where: { tenantId, customerId, source: "REDEMPTION", reversal: null, redemption: { tenantId, status: "PENDING" } },
      _sum: { amount: true },
    }),
  ]);
  return { balance: balance?.balance ?? 0, pending: held._sum.amount ? -held._sum.amount : 0, lifetimeEarned: balance?.lifetimeEarned ?? 0 };
}

/** One page of the customer's ledger, newest first, each entry in staff words and linked to the mention that paid it. */
export async function customerLedgerLines(
  ctx: TenantContext,
  customerId: string,
  page: number,
  pageSize: number,
): Promise<{ lines: StaffLedgerLine[]; total: number; page: number; pageSize: number }> {
  assertCan(ctx, "ledger:read");
  const { tenantId } = ctx;
  const db = getDb();
  const where = { tenantId, customerId };
  const [rows, total] = await Promise.all([
    db.ledgerEntry.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        amount: true,
        source: true,
        explanation: true,
        createdAt: true,
        mentionId: true,
        reversesId: true,
        reversal: { select: { id: true } },
      },
    }),
    db.ledgerEntry.count({ where }),
  ]);
  const mentionIds = [...new Set(rows.map((r) => r.mentionId).filter((id): id is string => id !== null))];
  const mentions = mentionIds.length
    ? await db.mention.findMany({ where: { tenantId, id: { in: mentionIds } }, select: { id: true, text: true, url: true } })
    : [];
  const byId = new Map(mentions.map((m) => [m.id, { id: m.id, excerpt: excerpt(m.text), url: safePostUrl(m.url) }]));
  const lines = rows.map((row) => ({
    id: row.id,
    amount: row.amount,
    source: row.source,
    summary: describeEntry({ amount: row.amount, source: row.source, explanation: parseExplanation(row.explanation) }),
    createdAt: row.createdAt.toISOString(),
    // A mention since erased upstream keeps its id on the entry; the line still names it.
    mention: row.mentionId ? (byId.get(row.mentionId) ?? { id: row.mentionId, excerpt: "", url: null }) : null,
    reversesId: row.reversesId,
    reversedById: row.reversal?.id ?? null,
  }));
  return { lines, total, page, pageSize };
}
