import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb, type Db, type DbTx } from "../../db/client";
import { AppError } from "../../errors";
import { pointsHolderOf } from "../ledger/ledger-customer";
import { findCustomerPage } from "./customer-list";
import type { CustomerDto } from "./customer.schemas";
import { ZCustomerId } from "./customer.schemas";
import type { MergePreviewDto, MergeSide } from "./customer-merge.schemas";

/** Fields copied onto the survivor when it has none (displayName and stage it always has). */
export const FILLABLE_FIELDS = ["phone", "externalId", "notes", "leaderboardName", "npsClass", "sentimentLabel"] as const;

const SIDE_SELECT = {
  id: true,
  displayName: true,
  mergedIntoId: true,
  erasedAt: true,
  phone: true,
  externalId: true,
  notes: true,
  leaderboardName: true,
  npsClass: true,
  sentimentLabel: true,
  sentimentScore: true,
  emails: { select: { email: true, isPrimary: true }, orderBy: { email: "asc" as const } },
  pointBalance: { select: { balance: true } },
} as const;

type SideRow = NonNullable<Awaited<ReturnType<typeof readSide>>>;

export async function readSide(db: Db | DbTx, ctx: TenantContext, id: string) {
  if (!ZCustomerId.safeParse(id).success) return null;
  return db.customer.findFirst({ where: { tenantId: ctx.tenantId, id }, select: SIDE_SELECT });
}

/**
 * Both customers, checked for a merge: each a live customer of this brand (another brand's id is
 * NOT_FOUND), not the same one. Refusals say why in words the member can act on.
 */
export async function readMergePair(db: Db | DbTx, ctx: TenantContext, mergedId: string, survivorId: string): Promise<{ merged: SideRow; survivor: SideRow }> {
  const merged = await readSide(db, ctx, mergedId);
  if (!merged || merged.erasedAt) throw AppError.notFound("customer");
  if (merged.mergedIntoId) throw new AppError("CONFLICT", "this customer was already merged into another one");
  if (mergedId === survivorId)
    throw new AppError("BAD_REQUEST", "a customer cannot be merged into itself", { issues: [{ path: "survivorId", message: "choose another customer" }] });
  const survivor = await readSide(db, ctx, survivorId);
  if (!survivor || survivor.erasedAt) {
    throw AppError.notFound("customer to merge into (it must be a customer of this brand)");
  }
  if (survivor.mergedIntoId) {
    throw new AppError("CONFLICT", "the chosen customer was itself merged into another one: merge into that one instead", {
      issues: [{ path: "survivorId", message: "already merged into another customer" }],
    });
  }
  return { merged, survivor };
}

export function fieldsToFill(merged: SideRow, survivor: SideRow): (typeof FILLABLE_FIELDS)[number][] {
  return FILLABLE_FIELDS.filter((f) => (survivor[f] === null || survivor[f] === "") && merged[f] !== null && merged[f] !== "");
}

function side(row: SideRow): MergeSide {
  const primary = row.emails.find((e) => e.isPrimary) ?? row.emails[0];
  return { id: row.id, displayName: row.displayName, primaryEmail: primary?.email ?? null, balance: row.pointBalance?.balance ?? 0 };
}

export async function countMoves(db: Db | DbTx, ctx: TenantContext, customerId: string): Promise<MergePreviewDto["moves"]> {
  const where = { tenantId: ctx.tenantId, customerId };
  const [emails, linkedAccounts, mentions, consents, feedback, redemptions, pendingRedemptions, sharePosts] = await Promise.all([
    db.customerEmail.count({ where }),
    db.socialProfile.count({ where }),
    db.mention.count({ where }),
    db.consentRecord.count({ where }),
    db.feedbackResponse.count({ where }),
    db.redemption.count({ where }),
    db.redemption.count({ where: { ...where, status: "PENDING" } }),
    db.sharePost.count({ where }),
  ]);
  return { emails, linkedAccounts, mentions, consents, feedback, redemptions, pendingRedemptions, sharePosts };
}

/** What merging `mergedId` into `survivorId` would move, and the balances after; refusals as mergeCustomers refuses. */
export async function previewMerge(ctx: TenantContext, mergedId: string, survivorId: string): Promise<MergePreviewDto> {
  assertCan(ctx, "customers:delete");
  assertCan(ctx, "ledger:adjust");
  const db = getDb();
  const { merged, survivor } = await readMergePair(db, ctx, mergedId, survivorId);
  const moves = await countMoves(db, ctx, merged.id);
  const a = side(merged);
  const b = side(survivor);
  return { merged: a, survivor: b, moves, fillsFields: fieldsToFill(merged, survivor), after: { survivorBalance: a.balance + b.balance, mergedBalance: 0 } };
}

/** Live customers a member may merge into: the list's own search, without the customer being merged. */
export async function findMergeCandidates(ctx: TenantContext, mergedId: string, q: string): Promise<CustomerDto[]> {
  const page = await findCustomerPage(ctx, { q, sort: "name", pageSize: 11 });
  return page.items
    .filter((c) => c.id !== mergedId)
    .slice(0, 10)
    .map(({ npsClass: _nps, ...c }) => c);
}

/** Where a merged-away customer's pages now live (the end of its merge chain); null for a customer not merged. */
export async function mergeSurvivorOf(ctx: TenantContext, customerId: string): Promise<string | null> {
  assertCan(ctx, "customers:read");
  if (!ZCustomerId.safeParse(customerId).success) return null;
  const holder = await pointsHolderOf(getDb(), ctx, customerId);
  return holder === customerId ? null : holder;
}
