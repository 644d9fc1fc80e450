import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { safeHttpUrl } from "../mentions/moderation/mention.mapper";
import { ledgerWhere } from "./brand-ledger-filter";
import { ZBrandLedgerQuery, type BrandLedgerPage, type BrandLedgerQuery, type BrandLedgerRow } from "./brand-ledger.schemas";
import { describeEntry } from "./ledger-explanation";
import { parseExplanation } from "./ledger.mapper";

const MENTION_SNIPPET = 140;

/**
 * Every ledger entry of the brand, newest first, one keyset page at a time: ids are time-ordered,
 * so `id < after` on the `(tenantId, id)` key never skips or repeats an entry as new ones arrive.
 * Each entry carries its words (the staff wording of describeEntry), its customer, rule, campaign
 * and mention, looked up in one query per kind for the page.
 */
export async function listBrandLedger(ctx: TenantContext, rawQuery: BrandLedgerQuery = {}): Promise<BrandLedgerPage> {
  assertCan(ctx, "ledger:read");
  const query = ZBrandLedgerQuery.parse(rawQuery);
  const db = getDb();
  const where = ledgerWhere(ctx, query, { before: query.after });
  const rows = await db.ledgerEntry.findMany({
    where,
    select: {
      id: true,
      amount: true,
      source: true,
      explanation: true,
      createdAt: true,
      reversesId: true,
      mentionId: true,
      customer: { select: { id: true, displayName: true } },
      rule: { select: { id: true, name: true } },
      campaign: { select: { id: true, name: true } },
    },
    orderBy: { id: "desc" },
    take: query.pageSize + 1,
  });
  const page = rows.slice(0, query.pageSize);
  const mentionIds = [...new Set(page.map((r) => r.mentionId).filter((id): id is string => !!id))];
  // mentionId has no foreign key (see the schema), so a mention is looked up, never joined.
  const mentions = mentionIds.length
    ? await db.mention.findMany({
        where: { tenantId: ctx.tenantId, id: { in: mentionIds } },
        select: { id: true, authorHandle: true, text: true, url: true },
      })
    : [];
  const mentionById = new Map(mentions.map((m) => [m.id, m]));
  const items: BrandLedgerRow[] = page.map((row) => {
    const mention = row.mentionId ? mentionById.get(row.mentionId) : undefined;
    return {
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      amount: row.amount,
      source: row.source,
      summary: describeEntry({ amount: row.amount, source: row.source, explanation: parseExplanation(row.explanation) }),
      customer: { id: row.customer.id, name: row.customer.displayName },
      rule: row.rule,
      campaign: row.campaign,
      mention: mention
        ? { id: mention.id, handle: mention.authorHandle, text: [...mention.text].slice(0, MENTION_SNIPPET).join(""), url: safeHttpUrl(mention.url) }
        : null,
      reversesId: row.reversesId,
    };
  });
  return { items, nextAfter: rows.length > query.pageSize ? (page.at(-1)?.id ?? null) : null };
}

export interface LedgerFilterOptions {
  rules: { id: string; name: string }[];
  campaigns: { id: string; name: string }[];
}

/** The rules and campaigns a filter can name, by name. */
export async function ledgerFilterOptions(ctx: TenantContext): Promise<LedgerFilterOptions> {
  assertCan(ctx, "ledger:read");
  const db = getDb();
  const [rules, campaigns] = await Promise.all([
    db.pointRule.findMany({ where: { tenantId: ctx.tenantId }, select: { id: true, name: true }, orderBy: { name: "asc" }, take: 500 }),
    db.campaign.findMany({ where: { tenantId: ctx.tenantId }, select: { id: true, name: true }, orderBy: { startsAt: "desc" }, take: 500 }),
  ]);
  return { rules, campaigns };
}
