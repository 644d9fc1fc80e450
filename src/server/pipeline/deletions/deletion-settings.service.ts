import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import type { Network } from "../../db/generated/enums";
import { AppError } from "../../errors";
import { writeAudit } from "../../modules/audit/audit.service";
import { searchNetworks } from "../../social/provider-registry";
import { countDueMentions, DELETION_PASS_STALE_MS, DUE_COUNT_CAP, getDeletionPassState, rememberedAllowance } from "./deletion-pass-state";
import { ZDeletionChecksDto, ZDeletionPeriodUpdate, type DeletionChecksDto } from "./deletion.schemas";
import { brandPeriodDays } from "./check-deleted-mentions";

/** The deletion checks of each network with post lookups, as the settings screen shows them (settings:read). */
export async function getDeletionChecks(ctx: TenantContext, now = new Date()): Promise<DeletionChecksDto[]> {
  assertCan(ctx, "settings:read");
  const periodDays = await brandPeriodDays(ctx);
  return Promise.all(searchNetworks().map((network) => deletionChecksOf(ctx, network, periodDays, now)));
}

async function deletionChecksOf(ctx: TenantContext, network: Network, periodDays: number, now: Date): Promise<DeletionChecksDto> {
  const [state, due] = await Promise.all([getDeletionPassState(ctx, network), countDueMentions(ctx, network, now)]);
  const stale = now.getTime() - DELETION_PASS_STALE_MS;
  const running = state?.passId && state.passStartedAt && (state.passHeartbeatAt?.getTime() ?? 0) >= stale ? state : null;
  const allowance = rememberedAllowance(state ?? null);
  return ZDeletionChecksDto.parse({
    network,
    periodDays,
    due,
    dueCap: DUE_COUNT_CAP,
    queued: !running && (state?.requestedAt?.getTime() ?? 0) >= stale,
    running: running
      ? {
          startedAt: running.passStartedAt,
          trigger: running.passTrigger ?? "schedule",
          lookups: running.passLookups,
          checked: running.passChecked,
          budget: running.passBudget,
        }
      : null,
    lastPass:
      state?.lastPassFinishedAt && state.lastPassStartedAt && state.lastPassOutcome
        ? {
            trigger: state.lastPassTrigger ?? "schedule",
            startedAt: state.lastPassStartedAt,
            finishedAt: state.lastPassFinishedAt,
            outcome: state.lastPassOutcome,
            lookups: state.lastPassLookups,
            checked: state.lastPassChecked,
            deleted: state.lastPassDeleted,
            reversed: state.lastPassReversed,
            pointsTakenBack: state.lastPassPointsTakenBack,
            carriedOver: state.lastPassCarriedOver,
            error: state.lastPassError,
          }
        : null,
    allowance:
      allowance && allowance.resetAt.getTime() > now.getTime()
        ? { limit: allowance.limit || null, remaining: allowance.remaining, resetAt: allowance.resetAt }
        : null,
  });
}

/**
 * Sets the brand's period (settings:write) and applies it to the mentions already collected, in
 * one transaction with its audit entry: a shorter period settles the mentions now past it (they
 * are not checked again); a longer one puts back on the schedule, due at once, the live mentions
 * that the old period had settled and the new one covers. `updatedAt` is left alone (scheduling).
 */
export async function updateDeletionPeriod(
  ctx: TenantContext,
  input: unknown,
  now = new Date(),
): Promise<{ periodDays: number; settled: number; resumed: number }> {
  assertCan(ctx, "settings:write");
  const { periodDays } = ZDeletionPeriodUpdate.parse(input);
  const networks = searchNetworks();
  return getDb().$transaction(async (tx) => {
    const [tenant] = await tx.$queryRaw<{ deletionCheckDays: number }[]>(
      // no-tenant-data: the tenant's own Tenant row (platform table, keyed by the tenant id), locked so two saves serialise
      Prisma.sql`SELECT "deletionCheckDays" FROM "Tenant" WHERE id = ${ctx.tenantId} FOR UPDATE`,
    );
    if (!tenant) throw AppError.notFound("brand");
    const before = tenant.deletionCheckDays;
    const since = (days: number) => new Date(now.getTime() - days * 24 * 3600_000);
    let settled = 0;
    let resumed = 0;
    if (periodDays < before) {
      settled = await tx.$executeRaw(Prisma.sql`
        UPDATE "Mention" SET "deletionCheckAt" = NULL
        WHERE "tenantId" = ${ctx.tenantId} AND network::text = ANY(${networks}::text[])
          AND "deletionCheckAt" IS NOT NULL AND "createdAt" < ${since(periodDays)}`);
    } else if (periodDays > before) {
      resumed = await tx.$executeRaw(Prisma.sql`
        UPDATE "Mention" SET "deletionCheckAt" = ${now}
        WHERE "tenantId" = ${ctx.tenantId} AND network::text = ANY(${networks}::text[])
          AND "deletionCheckAt" IS NULL AND status <> 'DELETED'
          AND "createdAt" >= ${since(periodDays)} AND "createdAt" < ${since(before)}`);
    }
    await tx.tenant.update({ where: { id: ctx.tenantId }, data: { deletionCheckDays: periodDays } });
    await writeAudit(tx, ctx, {
      action: "deletions.period-changed",
      targetType: "Tenant",
      targetId: ctx.tenantId,
      data: { from: before, to: periodDays, settled, resumed },
    });
    return { periodDays, settled, resumed };
  });
}
