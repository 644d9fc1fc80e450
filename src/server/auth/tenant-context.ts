import type { Role } from "../db/generated/enums";
import { AppError } from "../errors";
import { roleCan, type Permission } from "./permissions";

/**
 * A verified tenant context: who acts, in which tenant, with which role. Only the guards in
 * src/server/http (and the worker, from a job payload) build one; every domain function takes
 * it first and puts `ctx.tenantId` in every `where`.
 */
export interface TenantContext {
  readonly tenantId: string;
  readonly tenantSlug: string;
  readonly role: Role;
  readonly actor: { type: "USER" | "API_KEY" | "SYSTEM"; id: string | null };
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
