import type { TenantScope } from "../../auth/tenant-context";
import { Prisma } from "../../db/generated/client";

/** LIKE's wildcards in what was typed match themselves (Prisma's `contains` did the same). */
export const likeAny = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * "Name, email, phone or external id" as the customers list searches it; the segment of the
 * same search (segments/segment-membership.ts) uses this very predicate, so both select the
 * same customers. `alias` is the customer row's alias (id, displayName, externalId, phone).
 */
export function customerSearchSql(ctx: TenantScope, q: string, alias: "c" | "m"): Prisma.Sql {
  const tenantId = ctx.tenantId;
  const col = (name: string) => Prisma.raw(`${alias}."${name}"`);
  return Prisma.sql`(
      ${col("displayName")} ILIKE ${likeAny(q)}
      OR EXISTS (SELECT 1 FROM "CustomerEmail" ce WHERE ce."tenantId" = ${tenantId} AND ce."customerId" = ${col("id")} AND ce.email LIKE ${likeAny(q.toLowerCase())})
      OR ${col("externalId")} = ${q}
      OR ${col("phone")} LIKE ${likeAny(q)}
    )`;
}

/** The most followers on one of the customer's linked, non-revoked accounts (0 without one), as segments count them. */
export function maxFollowersSql(ctx: TenantScope, alias: "c"): Prisma.Sql {
  const tenantId = ctx.tenantId;
  return Prisma.sql`coalesce((SELECT max(sp."followersCount") FROM "SocialProfile" sp
    WHERE sp."tenantId" = ${tenantId} AND sp."customerId" = ${Prisma.raw(`${alias}.id`)} AND sp.status <> 'REVOKED'), 0)`;
}

/** The customer's points balance (0 without a balance row). */
export function balanceSql(ctx: TenantScope, alias: "c"): Prisma.Sql {
  const tenantId = ctx.tenantId;
  return Prisma.sql`coalesce((SELECT pb.balance FROM "PointBalance" pb WHERE pb."tenantId" = ${tenantId} AND pb."customerId" = ${Prisma.raw(`${alias}.id`)}), 0)`;
}
