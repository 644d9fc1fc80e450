import { Prisma } from "../../db/generated/client";
import type { TenantContext } from "../../auth/tenant-context";
import type { Db, DbTx } from "../../db/client";
import { mailSafeName } from "../members/mail-safe-name";
import type { NotificationPreferences } from "./notification.schemas";

export interface Recipient {
  customerId: string;
  email: string;
  name: string;
  balance: number;
  prefs: NotificationPreferences;
}

/**
 * The customers of `ids` who can be written to: not erased, not merged away, with an address (the
 * primary one first). One read for the batch: their balance and their preferences (no row: all on).
 */
export async function loadRecipients(tx: Db | DbTx, ctx: TenantContext, ids: readonly string[]): Promise<Map<string, Recipient>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.$queryRaw<
    { id: string; displayName: string; email: string | null; balance: number | null; digest: boolean | null; affordable: boolean | null; cap: boolean | null }[]
  >`
    SELECT c.id, c."displayName", b.balance, p.digest, p.affordable, p.cap,
      (SELECT e.email FROM "CustomerEmail" e WHERE e."tenantId" = c."tenantId" AND e."customerId" = c.id
        ORDER BY e."isPrimary" DESC, e."createdAt" ASC LIMIT 1) AS email
    FROM "Customer" c
    LEFT JOIN "PointBalance" b ON b."tenantId" = c."tenantId" AND b."customerId" = c.id
    LEFT JOIN "NotificationPreference" p ON p."tenantId" = c."tenantId" AND p."customerId" = c.id
    WHERE c."tenantId" = ${ctx.tenantId} AND c.id IN (${Prisma.join([...ids])}) AND c."erasedAt" IS NULL AND c."mergedIntoId" IS NULL`;
  const out = new Map<string, Recipient>();
  for (const row of rows) {
    if (!row.email) continue;
    out.set(row.id, {
      customerId: row.id,
      email: row.email,
      name: mailSafeName(row.displayName),
      balance: row.balance ?? 0,
      prefs: { digest: row.digest ?? true, affordable: row.affordable ?? true, cap: row.cap ?? true },
    });
  }
  return out;
}
