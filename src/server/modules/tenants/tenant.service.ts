import { hashPassword } from "../../auth/password";
import { unsafeCrossTenantDb } from "../../db/client";
import { isUniqueViolation } from "../../db/prisma-errors";
import { AppError } from "../../errors";
import { ZSignUp, type SignUpInput } from "./tenant.schemas";

export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return slug.length >= 2 ? slug : `brand-${slug}`;
}

/**
 * Sign-up: a new staff user, a new tenant and its OWNER membership, in one transaction. This
 * runs before any tenant exists, so it is one of the few places that uses the unscoped client.
 */
export async function signUp(raw: SignUpInput): Promise<{ userId: string; tenantId: string; tenantSlug: string }> {
  const input = ZSignUp.parse(raw);
  const db = unsafeCrossTenantDb();
  const passwordHash = await hashPassword(input.password);
  const base = slugify(input.companyName);
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
      if (existing) {
        throw new AppError("CONFLICT", "an account with this email already exists; sign in instead", {
          issues: [{ path: "email", message: "already registered — sign in instead" }],
        });
      }
      const taken = await tx.tenant.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } });
      const slugs = new Set(taken.map((t) => t.slug));
      let slug = base;
      for (let n = 2; slugs.has(slug); n++) slug = `${base}-${n}`;
      const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } });
      const tenant = await tx.tenant.create({ data: { slug, name: input.companyName } });
      await tx.membership.create({ data: { tenantId: tenant.id, userId: user.id, role: "OWNER" } });
      await tx.user.update({ where: { id: user.id }, data: { lastTenantId: tenant.id } });
      await tx.auditLog.create({
        data: { tenantId: tenant.id, actorType: "USER", actorId: user.id, action: "tenant.created", targetType: "Tenant", targetId: tenant.id },
      });
      return { userId: user.id, tenantId: tenant.id, tenantSlug: slug };
    });
  } catch (error) {
    if (isUniqueViolation(error, ["email"])) {
      throw new AppError("CONFLICT", "an account with this email already exists; sign in instead", {
        issues: [{ path: "email", message: "already registered — sign in instead" }],
      });
    }
    throw error;
  }
}
