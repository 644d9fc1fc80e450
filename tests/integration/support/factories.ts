import { randomUUID } from "node:crypto";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { unsafeCrossTenantDb } from "../../../src/server/db/client";
import type { Role } from "../../../src/server/db/generated/enums";
import { createCustomer } from "../../../src/server/modules/customers/customer.service";
import type { CustomerCreateInput } from "../../../src/server/modules/customers/customer.schemas";

const unique = () => randomUUID().slice(0, 8);

/** A tenant with one member of the given role, and that member's verified context. */
export async function createTenantWithMember(role: Role = "OWNER", name = `Brand ${unique()}`) {
  const db = unsafeCrossTenantDb();
  const slug = `t-${unique()}`;
  const tenant = await db.tenant.create({ data: { slug, name } });
  const user = await db.user.create({
    data: { email: `${role.toLowerCase()}-${unique()}@example.test`, name: `${role} user`, passwordHash: "not-a-real-hash" },
  });
  await db.membership.create({ data: { tenantId: tenant.id, userId: user.id, role } });
  const ctx: TenantContext = { tenantId: tenant.id, tenantSlug: slug, role, actor: { type: "USER", id: user.id } };
  return { tenant, user, ctx };
}

/** Another member of an existing tenant. */
export async function addMember(ctx: TenantContext, role: Role) {
  const db = unsafeCrossTenantDb();
  const user = await db.user.create({
    data: { email: `${role.toLowerCase()}-${unique()}@example.test`, name: `${role} user`, passwordHash: "not-a-real-hash" },
  });
  await db.membership.create({ data: { tenantId: ctx.tenantId, userId: user.id, role } });
  const memberCtx: TenantContext = { ...ctx, role, actor: { type: "USER", id: user.id } };
  return { user, ctx: memberCtx };
}

export function makeCustomer(ctx: TenantContext, overrides: Partial<CustomerCreateInput> = {}) {
  const id = unique();
  return createCustomer(ctx, { displayName: `Customer ${id}`, emails: [`c-${id}@example.test`], ...overrides });
}
