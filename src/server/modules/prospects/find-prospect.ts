import type { TenantContext } from "../../auth/tenant-context";
import type { DbTx } from "../../db/client";
import type { Network } from "../../db/generated/enums";
import { AppError } from "../../errors";

/**
 * The prospect an action names: an author with a PROSPECT mention in this tenant who is neither
 * converted nor linked to a customer. Anything else (another tenant's author included) is NOT_FOUND.
 */
export async function findProspect(
  tx: DbTx,
  ctx: TenantContext,
  ref: { network: Network; authorExternalId: string },
): Promise<{ handle: string; latestMentionId: string }> {
  const { tenantId } = ctx;
  const latest = await tx.mention.findFirst({
    where: { tenantId, network: ref.network, authorExternalId: ref.authorExternalId, status: "PROSPECT", deletedUpstreamAt: null },
    orderBy: [{ postedAt: "desc" }, { id: "desc" }],
    select: { id: true, authorHandle: true },
  });
  if (!latest) throw AppError.notFound("prospect");
  const [converted, linked] = await Promise.all([
    tx.prospectConversion.findFirst({ where: { tenantId, network: ref.network, authorExternalId: ref.authorExternalId }, select: { customerId: true } }),
    tx.socialProfile.findFirst({
      where: { tenantId, network: ref.network, externalUserId: ref.authorExternalId, customerId: { not: null } },
      select: { id: true },
    }),
  ]);
  if (converted || linked) throw AppError.notFound("prospect");
  return { handle: latest.authorHandle, latestMentionId: latest.id };
}
