import { expect } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb, type DbTx } from "../../../src/server/db/client";
import { AppError } from "../../../src/server/errors";
import { postLedgerEntries } from "../../../src/server/modules/ledger/post-entries";
import type { NewLedgerEntry, PostedLedgerEntry } from "../../../src/server/modules/ledger/ledger.types";

export async function expectAppError(promise: Promise<unknown>, code: AppError["code"], message?: RegExp): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected AppError ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
  return error as AppError;
}

/** An earning entry as scoring would post it for a mention. */
export function mentionAward(customerId: string, key: string, amount: number, extra: Partial<NewLedgerEntry> = {}): NewLedgerEntry {
  return {
    customerId,
    amount,
    source: "MENTION",
    idempotencyKey: key,
    mentionId: `men_${key}`,
    ruleId: "rule_test",
    explanation: { formula: `${amount} base`, rule: { id: "rule_test", name: "Brand mention", network: "TWITTER", action: "MENTION", basePoints: amount } },
    ...extra,
  };
}

export function inTx<T>(fn: (tx: DbTx) => Promise<T>): Promise<T> {
  return getDb().$transaction(fn, { timeout: 20_000, maxWait: 20_000 });
}

/**
 * Posts entries as the ledger's callers do. An entry's rule, mention and campaign are foreign keys
 * to real rows of the tenant, so the short names tests use ("rule_test", "men_<key>",
 * "cmp_summer") are swapped for rows created on first use (see realRef).
 */
export async function post(ctx: TenantContext, entries: NewLedgerEntry[]): Promise<PostedLedgerEntry[]> {
  const mapped = await withRealRefs(ctx, entries);
  return inTx((tx) => postLedgerEntries(tx, ctx, mapped));
}

/** The entries with their short reference names swapped for the tenant's real rows (created on first use). */
export async function withRealRefs(ctx: TenantContext, entries: NewLedgerEntry[]): Promise<NewLedgerEntry[]> {
  const names = [...new Set(entries.flatMap((e) => [e.ruleId, e.mentionId, e.campaignId]).filter((n): n is string => !!n))];
  await createRefs(ctx, names);
  const real = (name: string | null | undefined) => (name ? realIds.get(refKey(ctx, name))! : name);
  return entries.map((e) => ({ ...e, ruleId: real(e.ruleId), mentionId: real(e.mentionId), campaignId: real(e.campaignId) }));
}

const realIds = new Map<string, string>();
const refKey = (ctx: TenantContext, name: string) => `${ctx.tenantId}:${name}`;

/** The id of the tenant's real row that a test's short name ("men_m-1", "rule_test", "cmp_summer") stands for. */
export async function realRef(ctx: TenantContext, name: string): Promise<string> {
  await createRefs(ctx, [name]);
  return realIds.get(refKey(ctx, name))!;
}

// Rows are found or created by a unique name (a rule's or campaign's name, a mention's post id),
// so concurrent posts of the same names in one test end with one row each.
async function createRefs(ctx: TenantContext, names: string[]): Promise<void> {
  const missing = names.filter((n) => !realIds.has(refKey(ctx, n)));
  if (missing.length === 0) return;
  const db = getDb();
  const tenantId = ctx.tenantId;
  const rules = missing.filter((n) => n.startsWith("rule_"));
  const campaigns = missing.filter((n) => n.startsWith("cmp_"));
  const mentions = missing.filter((n) => n.startsWith("men_"));
  const unknown = missing.filter((n) => !rules.includes(n) && !campaigns.includes(n) && !mentions.includes(n));
  if (unknown.length) throw new Error(`no kind of row for ${unknown.join(", ")}: name it rule_…, men_… or cmp_…`);
  if (rules.length) {
    await db.pointRule.createMany({
      data: rules.map((name) => ({ tenantId, network: "TWITTER" as const, action: "MENTION" as const, name, basePoints: 1, enabled: false })),
      skipDuplicates: true,
    });
    for (const r of await db.pointRule.findMany({ where: { tenantId, name: { in: rules } }, select: { id: true, name: true } }))
      realIds.set(refKey(ctx, r.name), r.id);
  }
  if (campaigns.length) {
    const startsAt = new Date("2026-01-01T00:00:00Z");
    const endsAt = new Date("2027-01-01T00:00:00Z");
    await db.campaign.createMany({ data: campaigns.map((name) => ({ tenantId, name, startsAt, endsAt })), skipDuplicates: true });
    for (const c of await db.campaign.findMany({ where: { tenantId, name: { in: campaigns } }, select: { id: true, name: true } }))
      realIds.set(refKey(ctx, c.name), c.id);
  }
  if (mentions.length) {
    await db.mention.createMany({
      data: mentions.map((externalId) => ({
        tenantId,
        network: "TWITTER" as const,
        externalId,
        authorExternalId: "ledger-test",
        authorHandle: "ledger_test",
        authorFollowers: 0,
        text: `post ${externalId}`,
        postedAt: new Date(),
        matchedKeywords: [],
        status: "CREDITED" as const,
      })),
      skipDuplicates: true,
    });
    const rows = await db.mention.findMany({ where: { tenantId, network: "TWITTER", externalId: { in: mentions } }, select: { id: true, externalId: true } });
    for (const m of rows) realIds.set(refKey(ctx, m.externalId), m.id);
  }
}

export async function balanceOf(ctx: TenantContext, customerId: string): Promise<{ balance: number; lifetimeEarned: number }> {
  const row = await getDb().pointBalance.findFirst({ where: { tenantId: ctx.tenantId, customerId }, select: { balance: true, lifetimeEarned: true } });
  return row ?? { balance: 0, lifetimeEarned: 0 };
}

export async function entryCount(ctx: TenantContext, customerId?: string): Promise<number> {
  return getDb().ledgerEntry.count({ where: { tenantId: ctx.tenantId, ...(customerId ? { customerId } : {}) } });
}
