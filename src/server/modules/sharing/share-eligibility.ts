import type { TenantContext } from "../../auth/tenant-context";
import type { Db, DbTx } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { Network } from "../../db/generated/enums";
import { prismaRunner, type SqlRunner } from "../../db/raw-sql";
import { getProvider } from "../../social/provider-registry";

export interface SharingProfile {
  customerId: string;
  profileId: string;
  network: Network;
}

/** Networks whose provider can post (today: X). Generic code asks, it does not name them. */
export function publishingNetworks(): Network[] {
  return Object.values(Network).filter((network) => {
    try {
      getProvider(network);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * The consent that governs posting through one profile: the most recent ConsentRecord of the
 * customer that names this profile, or names no profile but this network (or no network at all).
 * "Most recent" is by the time the record took effect (a withdrawal row counts at its revokedAt).
 * Posting is allowed when that record has allowPosting and is not a withdrawal.
 */
const LATEST_CONSENT_ALLOWS_POSTING = Prisma.sql`
  EXISTS (
    SELECT 1 FROM (
      SELECT cr."allowPosting", cr."revokedAt"
      FROM "ConsentRecord" cr
      WHERE cr."tenantId" = p."tenantId" AND cr."customerId" = p."customerId"
        AND (cr."socialProfileId" = p.id
             OR (cr."socialProfileId" IS NULL AND (cr.network = p.network OR cr.network IS NULL)))
      ORDER BY greatest(cr."grantedAt", coalesce(cr."revokedAt", cr."grantedAt")) DESC, cr.id DESC
      LIMIT 1
    ) latest
    WHERE latest."allowPosting" AND latest."revokedAt" IS NULL
  )`;

/**
 * For each given customer, the one profile to post through, if any: linked to that customer, on a
 * network that can post, ACTIVE with an access token, the customer neither erased nor merged away,
 * and the latest consent for that profile allowing posting. A customer with several such profiles
 * posts through the most recently linked one. One query for the whole batch.
 */
export async function findSharingProfiles(db: Db | DbTx | SqlRunner, ctx: TenantContext, customerIds: string[]): Promise<Map<string, SharingProfile>> {
  return querySharingProfiles(typeof db === "function" ? db : prismaRunner(db), ctx, customerIds, Prisma.empty);
}

/** Whether this profile may still post for its customer right now (checked again before posting). */
export async function profileMayPost(db: Db | DbTx, ctx: TenantContext, customerId: string, profileId: string): Promise<boolean> {
  const found = await querySharingProfiles(prismaRunner(db), ctx, [customerId], Prisma.sql`AND p.id = ${profileId}`);
  return found.get(customerId)?.profileId === profileId;
}

async function querySharingProfiles(run: SqlRunner, ctx: TenantContext, customerIds: string[], extra: Prisma.Sql): Promise<Map<string, SharingProfile>> {
  const networks = publishingNetworks();
  if (customerIds.length === 0 || networks.length === 0) return new Map();
  const rows = await run<SharingProfile>(Prisma.sql`
    SELECT DISTINCT ON (p."customerId") p."customerId", p.id AS "profileId", p.network::text AS network
    FROM "SocialProfile" p
    JOIN "Customer" c ON c."tenantId" = p."tenantId" AND c.id = p."customerId"
    WHERE p."tenantId" = ${ctx.tenantId}
      AND p."customerId" = ANY(${[...new Set(customerIds)]}::text[])
      AND p.network::text = ANY(${networks}::text[])
      AND p.status = 'ACTIVE'
      AND p."accessTokenCiphertext" IS NOT NULL
      AND c."erasedAt" IS NULL AND c."mergedIntoId" IS NULL
      AND ${LATEST_CONSENT_ALLOWS_POSTING}
      ${extra}
    ORDER BY p."customerId", p."linkedAt" DESC NULLS LAST, p.id
  `);
  return new Map(rows.map((r) => [r.customerId, r]));
}
