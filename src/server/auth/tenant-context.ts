import type { Role } from "../db/generated/enums";
import { AppError } from "../errors";
import { scopesAllow } from "./api-scopes";
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
  /** An API key's scopes (api-scopes.ts): set exactly when actor.type is API_KEY, and checked with the role. */
  readonly scopes?: ReadonlySet<string>;
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

/** Whether this context may do it: its role, and for an API key its scopes too. */
export function ctxCan(ctx: TenantContext, permission: Permission): boolean {
  return roleCan(ctx.role, permission) && (ctx.actor.type !== "API_KEY" || scopesAllow(ctx.scopes ?? new Set(), permission));
}

export function assertCan(ctx: TenantContext, permission: Permission): void {
  if (!roleCan(ctx.role, permission)) {
    throw new AppError("FORBIDDEN", `your role (${ctx.role.toLowerCase()}) cannot ${permission.replace(":", " ")}`);
  }
  // A key without scopes (a context built wrongly) may do nothing, not everything.
  if (ctx.actor.type === "API_KEY" && !scopesAllow(ctx.scopes ?? new Set(), permission)) {
    throw new AppError("FORBIDDEN", `this API key's scopes do not allow ${permission.replace(":", " ")}`);
  }
}

/** The worker acts for a tenant named in a job payload, with no human behind it. */
export function systemContext(tenantId: string, tenantSlug = ""): TenantContext {
  return { tenantId, tenantSlug, role: "OWNER", actor: { type: "SYSTEM", id: null } };
}
