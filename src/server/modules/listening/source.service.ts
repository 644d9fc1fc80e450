import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb, type DbTx } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { isUniqueViolation } from "../../db/prisma-errors";
import { AppError } from "../../errors";
import { networkLabel } from "../../social/provider-registry";
import { writeAudit } from "../audit/audit.service";
import { normalizeSourceValue } from "./source-values";
import {
  ZSourceCreate,
  ZSourceId,
  ZSourceListQuery,
  ZSourceUpdate,
  type ListeningSourceDto,
  type SourceCreateInput,
  type SourceListQuery,
  type SourceUpdateInput,
} from "./source.schemas";

/**
 * What a tenant tracks: keywords, hashtags and handles on X, venues on Foursquare. Staff changes
 * (settings:write) are audited; reads need settings:read. The pollers' state transitions live in
 * source-sync.ts.
 */

const SOURCE_SELECT = {
  id: true,
  network: true,
  kind: true,
  value: true,
  enabled: true,
  connectionId: true,
  cursor: true,
  syncStatus: true,
  lastRunAt: true,
  nextRunAt: true,
  throttleCount: true,
  lastError: true,
  createdAt: true,
  updatedAt: true,
} as const;

type SourceRow = Prisma.ListeningSourceGetPayload<{ select: typeof SOURCE_SELECT }>;

function toDto(row: SourceRow): ListeningSourceDto {
  return {
    id: row.id,
    network: row.network,
    kind: row.kind,
    value: row.value,
    enabled: row.enabled,
    connectionId: row.connectionId,
    sync: {
      status: row.syncStatus,
      lastRunAt: row.lastRunAt?.toISOString() ?? null,
      nextRunAt: row.nextRunAt?.toISOString() ?? null,
      throttleCount: row.throttleCount,
      lastError: row.lastError,
      hasCursor: row.cursor !== null,
    },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Oldest first: buildSearchQuery packs in this order, so a new source never reshuffles older queries. */
export async function listSources(ctx: TenantContext, rawQuery: SourceListQuery = {}): Promise<ListeningSourceDto[]> {
  assertCan(ctx, "settings:read");
  const query = ZSourceListQuery.parse(rawQuery);
  const rows = await getDb().listeningSource.findMany({
    where: { tenantId: ctx.tenantId, ...(query.network ? { network: query.network } : {}) },
    select: SOURCE_SELECT,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 1_000,
  });
  return rows.map(toDto);
}

export async function getSourceOrThrow(ctx: TenantContext, id: string): Promise<ListeningSourceDto> {
  assertCan(ctx, "settings:read");
  if (!ZSourceId.safeParse(id).success) throw AppError.notFound("listening source");
  const row = await getDb().listeningSource.findFirst({ where: { tenantId: ctx.tenantId, id }, select: SOURCE_SELECT });
  if (!row) throw AppError.notFound("listening source");
  return toDto(row);
}

function alreadyTracked(): AppError {
  return new AppError("CONFLICT", "this value is already tracked", {
    issues: [{ path: "value", message: "already tracked: each keyword, hashtag, handle or venue can be added once" }],
  });
}

/** A named connection must be this tenant's, on the same network; a foreign id reads as unknown. */
async function assertConnection(tx: DbTx, ctx: TenantContext, network: SourceRow["network"], connectionId: string | null | undefined) {
  if (!connectionId) return;
  const found = await tx.channelConnection.count({ where: { tenantId: ctx.tenantId, id: connectionId, network } });
  if (found !== 1) {
    throw new AppError("VALIDATION_FAILED", "the request has invalid fields", {
      issues: [{ path: "connectionId", message: `no ${networkLabel(network)} connection with this id` }],
    });
  }
}

export async function createSource(ctx: TenantContext, raw: SourceCreateInput): Promise<ListeningSourceDto> {
  assertCan(ctx, "settings:write");
  const input = ZSourceCreate.parse(raw);
  try {
    return await getDb().$transaction(async (tx) => {
      await assertConnection(tx, ctx, input.network, input.connectionId);
      const row = await tx.listeningSource.create({
        data: {
          tenantId: ctx.tenantId,
          network: input.network,
          kind: input.kind,
          value: input.value,
          enabled: input.enabled,
          syncStatus: input.enabled ? "IDLE" : "DISABLED",
          connectionId: input.connectionId ?? null,
        },
        select: SOURCE_SELECT,
      });
      await writeAudit(tx, ctx, {
        action: "listening_source.created",
        targetType: "ListeningSource",
        targetId: row.id,
        data: { network: row.network, kind: row.kind, value: row.value, enabled: row.enabled },
      });
      return toDto(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyTracked();
    throw error;
  }
}

/**
 * Enable/disable, change the value or the connection. A new value is validated for the source's
 * kind and starts over: cursor, throttle count and error cleared, due at once. Disabling parks the
 * source (DISABLED); enabling makes it due at once (IDLE).
 */
export async function updateSource(ctx: TenantContext, id: string, raw: SourceUpdateInput): Promise<ListeningSourceDto> {
  assertCan(ctx, "settings:write");
  const patch = ZSourceUpdate.parse(raw);
  const current = await getSourceOrThrow(ctx, id);

  const data: Prisma.ListeningSourceUpdateManyMutationInput = {};
  const changes: Record<string, Prisma.InputJsonValue> = {};
  let valueChanged = false;
  if (patch.value !== undefined) {
    const result = normalizeSourceValue(current.network, current.kind, patch.value);
    if (!result.ok) {
      throw new AppError("VALIDATION_FAILED", "the request has invalid fields", { issues: [{ path: "value", message: result.message }] });
    }
    if (result.value !== current.value) {
      valueChanged = true;
      changes.value = { from: current.value, to: result.value };
      Object.assign(data, { value: result.value, cursor: null, throttleCount: 0, lastError: null, nextRunAt: null, syncStatus: "IDLE" });
    }
  }
  const enabled = patch.enabled ?? current.enabled;
  if (enabled !== current.enabled) {
    changes.enabled = enabled;
    Object.assign(data, enabled ? { enabled, syncStatus: "IDLE", nextRunAt: null } : { enabled, syncStatus: "DISABLED" });
  } else if (!enabled && valueChanged) {
    data.syncStatus = "DISABLED";
  }
  const connectionId = patch.connectionId === undefined ? current.connectionId : patch.connectionId;
  if (connectionId !== current.connectionId) changes.connectionId = connectionId ?? "none";

  if (Object.keys(changes).length === 0) return current;
  try {
    return await getDb().$transaction(async (tx) => {
      if (connectionId !== current.connectionId) await assertConnection(tx, ctx, current.network, connectionId);
      const updated = await tx.listeningSource.updateMany({
        where: { tenantId: ctx.tenantId, id },
        data: { ...data, ...(connectionId !== current.connectionId ? { connectionId } : {}), updatedAt: new Date() },
      });
      if (updated.count !== 1) throw AppError.notFound("listening source");
      await writeAudit(tx, ctx, { action: "listening_source.updated", targetType: "ListeningSource", targetId: id, data: changes });
      const row = await tx.listeningSource.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id }, select: SOURCE_SELECT });
      return toDto(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyTracked();
    throw error;
  }
}

export async function deleteSource(ctx: TenantContext, id: string): Promise<{ deleted: true }> {
  assertCan(ctx, "settings:write");
  const current = await getSourceOrThrow(ctx, id);
  return getDb().$transaction(async (tx) => {
    const deleted = await tx.listeningSource.deleteMany({ where: { tenantId: ctx.tenantId, id } });
    if (deleted.count !== 1) throw AppError.notFound("listening source");
    await writeAudit(tx, ctx, {
      action: "listening_source.deleted",
      targetType: "ListeningSource",
      targetId: id,
      data: { network: current.network, kind: current.kind, value: current.value },
    });
    return { deleted: true as const };
  });
}
