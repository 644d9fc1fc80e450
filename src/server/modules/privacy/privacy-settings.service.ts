import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { writeAudit } from "../audit/audit.service";
import { PROGRAM_CONSENT_SCOPE, PROGRAM_TERMS_VERSION, programTerms } from "../portal/program-terms";
import { ZPrivacyPolicyUpdate, type PrivacyPolicyUpdateInput, type PrivacySettingsDto } from "./privacy-settings.schemas";

const DAY_MS = 86_400_000;

/** Settings → Privacy: what customers agreed to, the brand's policy link, and recent privacy acts. */
export async function getPrivacySettings(ctx: TenantContext, now = new Date()): Promise<PrivacySettingsDto> {
  assertCan(ctx, "settings:read");
  const db = getDb();
  const since = new Date(now.getTime() - 30 * DAY_MS);
  const [tenant, acceptances, posting, erasures, exports] = await Promise.all([
    db.tenant.findUnique({ where: { id: ctx.tenantId }, select: { name: true, privacyPolicyUrl: true } }),
    db.$queryRaw<{ version: string; customers: number }[]>`
      SELECT c."policyVersion" AS version, COUNT(DISTINCT c."customerId")::int AS customers
        FROM "ConsentRecord" c
        JOIN "Customer" cu ON cu."tenantId" = c."tenantId" AND cu.id = c."customerId"
       WHERE c."tenantId" = ${ctx.tenantId} AND c."revokedAt" IS NULL AND ${PROGRAM_CONSENT_SCOPE} = ANY (c.scopes)
         AND cu."erasedAt" IS NULL AND cu."mergedIntoId" IS NULL
       GROUP BY 1 ORDER BY 1 DESC`,
    db.$queryRaw<{ customers: number }[]>`
      SELECT COUNT(DISTINCT c."customerId")::int AS customers
        FROM "ConsentRecord" c
        JOIN "Customer" cu ON cu."tenantId" = c."tenantId" AND cu.id = c."customerId"
       WHERE c."tenantId" = ${ctx.tenantId} AND c."revokedAt" IS NULL AND c."allowPosting" AND c."socialProfileId" IS NOT NULL
         AND cu."erasedAt" IS NULL AND cu."mergedIntoId" IS NULL`,
    db.customer.count({ where: { tenantId: ctx.tenantId, erasedAt: { gte: since } } }),
    db.auditLog.count({ where: { tenantId: ctx.tenantId, action: "customer.exported", createdAt: { gte: since } } }),
  ]);
  if (!tenant) throw AppError.notFound("brand");
  return {
    terms: { version: PROGRAM_TERMS_VERSION, lines: programTerms(tenant.name) },
    privacyPolicyUrl: tenant.privacyPolicyUrl,
    acceptances,
    postingAllowedCustomers: posting[0]?.customers ?? 0,
    last30Days: { erasures, exportsByStaffOrApi: exports },
  };
}

/** Sets or clears the link to the brand's own privacy policy (settings:write), audited. */
export async function updatePrivacyPolicyUrl(
  ctx: TenantContext,
  raw: PrivacyPolicyUpdateInput | { privacyPolicyUrl: string | null },
): Promise<{ privacyPolicyUrl: string | null }> {
  assertCan(ctx, "settings:write");
  // null (already parsed: cleared) reads as the empty field it came from.
  const { privacyPolicyUrl } = ZPrivacyPolicyUpdate.parse({ privacyPolicyUrl: raw.privacyPolicyUrl ?? "" });
  await getDb().$transaction(async (tx) => {
    const before = await tx.tenant.findUnique({ where: { id: ctx.tenantId }, select: { privacyPolicyUrl: true } });
    if (before?.privacyPolicyUrl === privacyPolicyUrl) return;
    await tx.tenant.update({ where: { id: ctx.tenantId }, data: { privacyPolicyUrl } });
    await writeAudit(tx, ctx, {
      action: "privacy.policy_link_changed",
      targetType: "Tenant",
      targetId: ctx.tenantId,
      data: { from: before?.privacyPolicyUrl ?? null, to: privacyPolicyUrl },
    });
  });
  return { privacyPolicyUrl };
}
