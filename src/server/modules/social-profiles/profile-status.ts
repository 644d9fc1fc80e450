import { systemContext, type TenantContext } from "../../auth/tenant-context";
import { getDb, type DbTx } from "../../db/client";
import { writeAudit } from "../audit/audit.service";
import { scrubError } from "../channels/channel-secrets";

/**
 * The network refused a customer's own credentials (revoked, expired beyond refresh, missing
 * scope): the profile stops being used for posting until the customer links it again. Only an
 * ACTIVE profile moves, so the audit entry is written once. The reason is scrubbed of anything
 * that looks like a bearer token and of the given secrets before it is stored.
 */
export async function markProfileNeedsReconnect(
  ctx: TenantContext,
  profileId: string,
  reason: string,
  options: { tx?: DbTx; secrets?: readonly string[] } = {},
): Promise<boolean> {
  const run = async (tx: DbTx) => {
    const updated = await tx.socialProfile.updateMany({
      where: { tenantId: ctx.tenantId, id: profileId, status: "ACTIVE" },
      data: { status: "NEEDS_RECONNECT" },
    });
    if (updated.count !== 1) return false;
    await writeAudit(tx, systemContext(ctx.tenantId), {
      action: "social_profile.needs_reconnect",
      targetType: "SocialProfile",
      targetId: profileId,
      data: { reason: scrubError(reason, options.secrets ?? []) },
    });
    return true;
  };
  return options.tx ? run(options.tx) : getDb().$transaction(run);
}
