import type { Role } from "../db/generated/enums";
import { AppError } from "../errors";
import { roleCan, type Permission } from "./permissions";

/**
 * What every verified context has: the tenant it works in and who acts. Low-level helpers that
 * only scope a query or record the actor (ledger rows, balances, audit) take this, so staff and
 * customer contexts can both reach them; anything that decides what may be done takes one of the
 * two contexts below.
 */
export interface TenantScope {
  readonly tenantId: string;
  readonly tenantSlug: string;
  readonly actor: { type: "USER" | "API_KEY" | "SYSTEM" | "CUSTOMER"; id: string | null };
}

/**
 * A verified staff (or system) context: who acts, in which tenant, with which role. Only the
 * guards in src/server/http (and the worker, from a job payload) build one; every domain function
 * takes it first and puts `ctx.tenantId` in every `where`.
 */
export interface TenantContext extends TenantScope {
  readonly role: Role;
  readonly actor: { type: "USER" | "API_KEY" | "SYSTEM"; id: string | null };
}

/**
 * A verified customer in one brand's rewards portal. It has no role, so it cannot be passed to a
 * staff function (the types refuse it); portal functions take it first and act for
 * `customerId` only.
 */
export interface CustomerContext extends TenantScope {
  readonly customerId: string;
  readonly actor: { type: "CUSTOMER"; id: string };
  /** Set when staff look at the portal as this customer: reads only; every portal write refuses. */
  readonly previewBy?: { userId: string };
}

/** The first line of every portal write: a staff preview may look, never act for the customer. */
export function assertCustomerActs(cctx: CustomerContext): void {
  if (cctx.previewBy) throw new AppError("FORBIDDEN", "this is a read-only preview of the customer's portal");
}

export function assertCan(ctx: TenantContext, permission: Permission): void {
  if (!roleCan(ctx.role, permission)) {
    throw new AppError("FORBIDDEN", `your role (${ctx.role.toLowerCase()}) cannot ${permission.replace(":", " ")}`);
  }
}

/** The worker acts for a tenant named in a job payload, with no human behind it. */
export function systemContext(tenantId: string, tenantSlug = ""): TenantContext {
  return { tenantId, tenantSlug, role: "OWNER", actor: { type: "SYSTEM", id: null } };
}
