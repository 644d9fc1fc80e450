import { getDb, unsafeCrossTenantDb, type DbTx } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import type { TenantContext } from "../../auth/tenant-context";
import { syncTransitions, type SyncChange, type SyncStore } from "../../pipeline/sync/sync-state";
import type { SourceKindName, SourceNetwork } from "./source-values";

/**
 * A listening source's sync state: the one machine of pipeline/sync/sync-state.ts on
 * ListeningSource's columns, for the scheduler and the pollers (no staff involved, so no audit
 * entries; staff changes go through source.service.ts).
 *
 *   IDLE/OK/THROTTLED/ERROR ──markSourceRunning──▶ RUNNING
 *   RUNNING ──markSourceSucceeded──▶ OK         (cursor saved, nextRunAt set)
 *   RUNNING ──markSourceThrottled──▶ THROTTLED  (throttleCount + 1, nextRunAt = the limit's reset)
 *   RUNNING ──markSourceFailed────▶ ERROR      (lastError, nextRunAt = retry time)
 *   any but DISABLED ──markSourceNeedsReconnect──▶ NEEDS_RECONNECT (skipped until credentials are saved again)
 *   NEEDS_RECONNECT ──resumeSourcesAfterReconnect (saving/enabling the channel, "Connect X")──▶ IDLE
 *
 * `markSourceRunning` is the claim: it returns the source as it is now (value, cursor) and the
 * claim's `startedAt`. The end-of-run transitions only apply to a source still RUNNING — and, when
 * given `startedAt`, still in that same run — so a run that finishes after staff changed the value
 * (which resets the source to IDLE) or after another worker re-claimed it cannot write a stale cursor.
 * Each returns whether it applied.
 */

const BLOCKED: ("NEEDS_RECONNECT" | "DISABLED")[] = ["NEEDS_RECONNECT", "DISABLED"];
/** A RUNNING source whose run started longer ago than this is presumed abandoned (worker died). */
export const STALE_RUN_MS = 15 * 60_000;

export interface DueSource {
  id: string;
  tenantId: string;
  network: SourceNetwork;
  kind: SourceKindName;
  value: string;
  connectionId: string | null;
  /** When it became due (null: never scheduled, due at once); lets the fan-out dedupe its jobs. */
  nextRunAt: Date | null;
}

/**
 * CROSS-TENANT: every source that should be polled now, all tenants together, for the scheduler's
 * fan-out (one job per source). Enabled, not NEEDS_RECONNECT or DISABLED, `nextRunAt` unset or
 * ≤ now, and not in a run that started less than `staleRunMs` ago. Oldest due first.
 */
export async function unsafeListDueSources({
  now = new Date(),
  limit = 500,
  staleRunMs = STALE_RUN_MS,
  networks,
}: { now?: Date; limit?: number; staleRunMs?: number; networks?: SourceNetwork[] } = {}): Promise<DueSource[]> {
  const staleBefore = new Date(now.getTime() - staleRunMs);
  return unsafeCrossTenantDb().listeningSource.findMany({
    where: {
      enabled: true,
      ...(networks ? { network: { in: networks } } : {}),
      syncStatus: { notIn: BLOCKED },
      AND: [
        { OR: [{ nextRunAt: null }, { nextRunAt: { lte: now } }] },
        { OR: [{ syncStatus: { not: "RUNNING" } }, { lastRunAt: null }, { lastRunAt: { lte: staleBefore } }] },
      ],
    },
    select: { id: true, tenantId: true, network: true, kind: true, value: true, connectionId: true, nextRunAt: true },
    orderBy: [{ nextRunAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
    take: Math.max(1, Math.min(limit, 10_000)),
  });
}

export interface ClaimedSource extends Omit<DueSource, "nextRunAt"> {
  cursor: string | null;
  /** Pass back to the end-of-run transition so it only applies to this run. */
  startedAt: Date;
}

/** Claims a source for a run: RUNNING, lastRunAt = now. Null when it is gone, disabled or blocked. */
export async function markSourceRunning(ctx: TenantContext, id: string, { now = new Date() }: { now?: Date } = {}): Promise<ClaimedSource | null> {
  const rows = await getDb().listeningSource.updateManyAndReturn({
    where: { tenantId: ctx.tenantId, id, enabled: true, syncStatus: { notIn: BLOCKED } },
    data: { syncStatus: "RUNNING", lastRunAt: now },
    select: { id: true, tenantId: true, network: true, kind: true, value: true, connectionId: true, cursor: true },
  });
  const row = rows[0];
  return row ? { ...row, startedAt: now } : null;
}

type TenantWhere = Prisma.ListeningSourceWhereInput & { tenantId: string };

function inRun(tenantId: string, id: string, startedAt: Date | undefined): TenantWhere {
  return { tenantId, id, enabled: true, syncStatus: "RUNNING", ...(startedAt ? { lastRunAt: startedAt } : {}) };
}

async function apply(where: TenantWhere, data: Prisma.ListeningSourceUpdateManyMutationInput): Promise<boolean> {
  const result = await getDb().listeningSource.updateMany({ where, data });
  return result.count === 1;
}

function columns(change: SyncChange<string>): Prisma.ListeningSourceUpdateManyMutationInput {
  return {
    syncStatus: change.status,
    nextRunAt: change.nextRunAt,
    lastError: change.lastError,
    ...(change.countThrottle ? { throttleCount: { increment: 1 } } : {}),
    ...(change.cursor !== undefined ? { cursor: change.cursor } : {}),
  };
}

/** ListeningSource as a store of the one sync machine (cursor = the newest post id seen). */
export const sourceSyncStore: SyncStore<string> = {
  finishRun: (tenantId, id, startedAt, change) => apply(inRun(tenantId, id, startedAt), columns(change)),
  block: (tenantId, id, change) => apply({ tenantId, id, enabled: true, syncStatus: { not: "DISABLED" } }, columns(change)),
};

/**
 * A run finished. `cursor`: the new position (e.g. the newest post id seen); `undefined` keeps
 * the stored one (nothing new), `null` clears it.
 */
export function markSourceSucceeded(
  ctx: TenantContext,
  id: string,
  { cursor, nextRunAt, startedAt }: { cursor?: string | null; nextRunAt: Date | null; startedAt?: Date },
): Promise<boolean> {
  return sourceSyncStore.finishRun(ctx.tenantId, id, startedAt, syncTransitions.succeeded(nextRunAt, cursor));
}

/** The network's rate limit was hit: wait until it resets. */
export function markSourceThrottled(ctx: TenantContext, id: string, { resetAt, startedAt }: { resetAt: Date; startedAt?: Date }): Promise<boolean> {
  return sourceSyncStore.finishRun(ctx.tenantId, id, startedAt, syncTransitions.throttled(resetAt));
}

/** A run failed in a way that may pass (network error, 5xx): try again at `retryAt`. */
export function markSourceFailed(
  ctx: TenantContext,
  id: string,
  { error, retryAt, startedAt }: { error: string; retryAt: Date; startedAt?: Date },
): Promise<boolean> {
  return sourceSyncStore.finishRun(ctx.tenantId, id, startedAt, syncTransitions.failed(error, retryAt));
}

/** The credentials were refused: the source waits, unpolled, until the channel is saved again. */
export function markSourceNeedsReconnect(ctx: TenantContext, id: string, error: string): Promise<boolean> {
  return sourceSyncStore.block(ctx.tenantId, id, syncTransitions.needsReconnect(error));
}

/** Forget the stored position: the next run starts from the network's default window. */
export function resetSourceCursor(ctx: TenantContext, id: string): Promise<boolean> {
  return apply({ tenantId: ctx.tenantId, id }, { cursor: null });
}

/**
 * Inside the transaction that saves or re-enables a channel connection: the network's sources that
 * were waiting for a reconnect (those on this connection, and, when it is the network's default
 * connection, those that name none) are due again. Returns how many resumed.
 */
export async function resumeSourcesAfterReconnect(
  tx: DbTx,
  ctx: TenantContext,
  { network, connectionId, isDefault }: { network: SourceNetwork; connectionId: string | null; isDefault: boolean },
): Promise<number> {
  // connectionId null: the brand connected its own account, which only default sources may use.
  const which = connectionId === null ? [{ connectionId: null }] : isDefault ? [{ connectionId }, { connectionId: null }] : [{ connectionId }];
  const result = await tx.listeningSource.updateMany({
    where: {
      tenantId: ctx.tenantId,
      network,
      enabled: true,
      syncStatus: "NEEDS_RECONNECT",
      OR: which,
    },
    data: { syncStatus: "IDLE", nextRunAt: null, lastError: null },
  });
  return result.count;
}
