import type { TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import type { Network } from "../../db/generated/enums";
import { AppError } from "../../errors";
import { applyProfileLookups, listDueProfiles, refreshCutoff, type DueProfile } from "../../modules/social-profiles/due-profiles";
import { getProvider } from "../../social/provider-registry";
import { assertNever, type AppAuth, type SocialProvider, type SocialUser } from "../../social/social-provider";
import { listeningCredential } from "../listening-credential";
import { throttleUntil } from "../sync/sync-policy";

export interface RefreshResult {
  status: "done" | "throttled" | "needs_reconnect" | "no_connection" | "unsupported";
  /** Profiles updated with what the network returned. */
  refreshed: number;
  /** Profile ids the network no longer returns (kept, with a note in the audit log). */
  missing: string[];
  /** User-lookup calls made. */
  lookups: number;
  /** More profiles were due than `limit`: the next run continues. */
  more: boolean;
  /** When `throttled`: the network's reset; the profiles not reached are still due. */
  throttledUntil?: Date;
  reason?: string;
}

/**
 * Refreshes follower counts, handles and display names of one tenant's due linked profiles on one
 * network, with the tenant's app credentials: batches of `usersPerLookup` ids (100 on X), one
 * lookup and one UPDATE per batch. A rate limit stops the run and reports `throttledUntil` (the
 * batches already written stay written); revoked app credentials mark the channel connection
 * NEEDS_RECONNECT; a transient failure throws so the job retries.
 */
export async function refreshDueProfiles(
  ctx: TenantContext,
  { network, now = new Date(), limit = 5_000 }: { network: Network; now?: Date; limit?: number },
): Promise<RefreshResult> {
  const result: RefreshResult = { status: "done", refreshed: 0, missing: [], lookups: 0, more: false };
  const tenant = await getDb().tenant.findUnique({ where: { id: ctx.tenantId }, select: { profileRefreshDays: true } });
  if (!tenant) throw AppError.notFound("tenant");
  let provider: SocialProvider;
  try {
    provider = getProvider(network);
  } catch {
    return { ...result, status: "unsupported", reason: `no provider for ${network}` };
  }

  const cap = Math.max(1, limit);
  const due = await listDueProfiles(ctx, network, refreshCutoff(now, tenant.profileRefreshDays), cap + 1);
  result.more = due.length > cap;
  const work = due.slice(0, cap);
  if (work.length === 0) return result;

  const credential = await listeningCredential(ctx, network);
  if (!credential) return { ...result, status: "no_connection", reason: `no active ${network} channel connection or connected brand account` };

  let auth: AppAuth | null = null;
  for (let i = 0; i < work.length; i += provider.limits.usersPerLookup) {
    const batch = work.slice(i, i + provider.limits.usersPerLookup);
    let users: SocialUser[];
    try {
      auth ??= await credential.auth();
      result.lookups++;
      users = await provider.lookupUsers(
        auth,
        batch.map((p) => p.externalUserId),
      );
    } catch (error) {
      const classified = credential.classify(error);
      switch (classified.kind) {
        case "RATE_LIMITED":
          return { ...result, status: "throttled", more: true, throttledUntil: throttleUntil(classified.retryAt, now) };
        case "RECONNECT":
        case "REFRESH_TOKEN":
          await credential.refused(classified.message);
          return { ...result, status: "needs_reconnect", more: true, reason: classified.message };
        case "TRANSIENT":
          throw new Error(`profile lookup failed: ${classified.message}`, { cause: error });
        case "BAD_REQUEST":
        case "CURSOR_EXPIRED":
          throw new AppError("BAD_REQUEST", `profile lookup refused: ${classified.message}`);
        default:
          return assertNever(classified.kind);
      }
    }
    const written = await applyProfileLookups(ctx, network, toLookups(batch, users), now);
    result.refreshed += written.updated - written.missing.length;
    result.missing.push(...written.missing);
  }
  return result;
}

function toLookups(batch: DueProfile[], users: SocialUser[]) {
  const byId = new Map(users.map((u) => [u.externalId, u]));
  return batch.map((p) => ({ profileId: p.id, externalUserId: p.externalUserId, user: byId.get(p.externalUserId) ?? null }));
}
