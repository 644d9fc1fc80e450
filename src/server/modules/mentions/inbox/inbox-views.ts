import { assertCan, type TenantContext } from "../../../auth/tenant-context";
import { getDb } from "../../../db/client";
import { isUniqueViolation } from "../../../db/prisma-errors";
import { AppError } from "../../../errors";
import { ZInboxFilters, ZInboxViewId, ZSaveInboxView, type InboxFilters, type SaveInboxViewInput } from "./inbox.schemas";

/** A member may keep this many saved views; a list longer than this stops being a shortcut. */
export const MAX_INBOX_VIEWS = 30;

export interface InboxView {
  id: string;
  name: string;
  filters: InboxFilters;
}

/** Saved views belong to a member: the signed-in member's membership in this brand. */
async function myMembershipId(ctx: TenantContext): Promise<string> {
  if (ctx.actor.type !== "USER" || !ctx.actor.id) throw new AppError("FORBIDDEN", "saved views belong to a signed-in member");
  const membership = await getDb().membership.findFirst({ where: { tenantId: ctx.tenantId, userId: ctx.actor.id }, select: { id: true } });
  if (!membership) throw new AppError("FORBIDDEN", "saved views belong to a member of this brand");
  return membership.id;
}

/** The signed-in member's saved views, by name. A stored filter that no longer reads is dropped from it, not fatal. */
export async function listInboxViews(ctx: TenantContext): Promise<InboxView[]> {
  assertCan(ctx, "mentions:read");
  if (ctx.actor.type !== "USER") return [];
  const membershipId = await myMembershipId(ctx);
  const rows = await getDb().inboxView.findMany({
    where: { tenantId: ctx.tenantId, membershipId },
    select: { id: true, name: true, filters: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return rows.map((row) => {
    const parsed = ZInboxFilters.safeParse(row.filters);
    return { id: row.id, name: row.name, filters: parsed.success ? parsed.data : {} };
  });
}

/** Saves the current filters under a name; saving under an existing name replaces that view's filters. */
export async function saveInboxView(ctx: TenantContext, raw: SaveInboxViewInput): Promise<{ id: string; replaced: boolean }> {
  assertCan(ctx, "mentions:read");
  const input = ZSaveInboxView.parse(raw);
  const membershipId = await myMembershipId(ctx);
  const db = getDb();
  const existing = await db.inboxView.findFirst({ where: { tenantId: ctx.tenantId, membershipId, name: input.name }, select: { id: true } });
  if (existing) {
    await db.inboxView.updateMany({ where: { tenantId: ctx.tenantId, id: existing.id }, data: { filters: input.filters } });
    return { id: existing.id, replaced: true };
  }
  const count = await db.inboxView.count({ where: { tenantId: ctx.tenantId, membershipId } });
  if (count >= MAX_INBOX_VIEWS) throw new AppError("CONFLICT", `you have ${MAX_INBOX_VIEWS} saved views already: delete one first`);
  try {
    const view = await db.inboxView.create({ data: { tenantId: ctx.tenantId, membershipId, name: input.name, filters: input.filters }, select: { id: true } });
    return { id: view.id, replaced: false };
  } catch (error) {
    // The same name saved twice at once (a double submit): the first one stands.
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `a view named “${input.name}” was just saved`);
    throw error;
  }
}

/** Deletes one of the member's own views; another member's view is NOT_FOUND, like any unknown id. */
export async function deleteInboxView(ctx: TenantContext, viewId: string): Promise<void> {
  assertCan(ctx, "mentions:read");
  if (!ZInboxViewId.safeParse(viewId).success) throw AppError.notFound("saved view");
  const membershipId = await myMembershipId(ctx);
  const { count } = await getDb().inboxView.deleteMany({ where: { tenantId: ctx.tenantId, membershipId, id: viewId } });
  if (count === 0) throw AppError.notFound("saved view");
}
