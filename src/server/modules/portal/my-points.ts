import type { CustomerContext } from "../../auth/tenant-context";
import type { LedgerSource } from "../../db/generated/enums";
import { getDb } from "../../db/client";
import { parseExplanation } from "../ledger/ledger.mapper";
import { safePostUrl } from "../mentions/safe-post-url";
import { describeEntryForCustomer } from "./entry-words";

export interface MyPointsSummary {
  balance: number;
  lifetimeEarned: number;
  /** Points already spent on rewards the brand has not handed over yet (refunded if cancelled). */
  onHold: number;
}

export interface MyLedgerLine {
  id: string;
  amount: number;
  source: LedgerSource;
  words: string;
  createdAt: string;
  /** The post that earned it, when the network gave one (http(s) only). */
  postUrl: string | null;
  /** What this entry reverses, as the customer saw it then. */
  reverses: { id: string; words: string; createdAt: string } | null;
  /** The entry that reversed this one, if any. */
  reversedBy: { id: string; createdAt: string } | null;
}

export interface MyLedgerPage {
  lines: MyLedgerLine[];
  /** Pass back as `after` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export const MY_LEDGER_PAGE_SIZE = 25;

/** Balance and lifetime from the balance row the ledger maintains; the hold from unfulfilled redemptions' entries. */
export async function myPointsSummary(cctx: CustomerContext): Promise<MyPointsSummary> {
  const db = getDb();
  const { tenantId, customerId } = cctx;
  const [balance, held] = await Promise.all([
    db.pointBalance.findUnique({ where: { tenantId_customerId: { tenantId, customerId } }, select: { balance: true, lifetimeEarned: true } }),
    db.ledgerEntry.aggregate({
      where: { tenantId, customerId, source: "REDEMPTION", reversal: null, redemption: { status: "PENDING" } },
      _sum: { amount: true },
    }),
  ]);
  return { balance: balance?.balance ?? 0, lifetimeEarned: balance?.lifetimeEarned ?? 0, onHold: held._sum.amount ? -held._sum.amount : 0 };
}

/** The customer's own ledger, newest first, each entry in words from what it stored. */
export async function myLedger(cctx: CustomerContext, brandName: string, after: string | null = null, pageSize = MY_LEDGER_PAGE_SIZE): Promise<MyLedgerPage> {
  const { tenantId, customerId } = cctx;
  const rows = await getDb().ledgerEntry.findMany({
    where: { tenantId, customerId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...(after ? { cursor: { tenantId_id: { tenantId, id: after } }, skip: 1 } : {}),
    take: pageSize + 1,
    select: {
      id: true,
      amount: true,
      source: true,
      explanation: true,
      createdAt: true,
      mentionId: true,
      reverses: { select: { id: true, amount: true, source: true, explanation: true, createdAt: true } },
      reversal: { select: { id: true, createdAt: true } },
    },
  });
  const page = rows.slice(0, pageSize);
  const mentionIds = page.map((row) => row.mentionId).filter((id): id is string => id !== null);
  const mentions = mentionIds.length
    ? await getDb().mention.findMany({ where: { tenantId, id: { in: mentionIds }, customerId }, select: { id: true, url: true } })
    : [];
  const urls = new Map(mentions.map((m) => [m.id, safePostUrl(m.url)]));
  const words = (entry: { amount: number; source: LedgerSource; explanation: unknown }) =>
    describeEntryForCustomer({ amount: entry.amount, source: entry.source, explanation: parseExplanation(entry.explanation) }, brandName);
  return {
    lines: page.map((row) => ({
      id: row.id,
      amount: row.amount,
      source: row.source,
      words: words(row),
      createdAt: row.createdAt.toISOString(),
      postUrl: row.mentionId ? (urls.get(row.mentionId) ?? null) : null,
      reverses: row.reverses ? { id: row.reverses.id, words: words(row.reverses), createdAt: row.reverses.createdAt.toISOString() } : null,
      reversedBy: row.reversal ? { id: row.reversal.id, createdAt: row.reversal.createdAt.toISOString() } : null,
    })),
    nextCursor: rows.length > pageSize ? (page.at(-1)?.id ?? null) : null,
  };
}
