import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb, type DbTx } from "../../db/client";
import { isUniqueViolation } from "../../db/prisma-errors";
import { AppError } from "../../errors";
import { writeAudit } from "../audit/audit.service";
import { resumeSourcesAfterReconnect } from "../listening/source-sync";
import { credentialsHint, openCredentials, sealCredentials } from "./channel-secrets";
import {
  DEFAULT_CONNECTION_LABEL,
  ZChannelConnectionId,
  ZChannelSave,
  ZConnectionLabel,
  type ChannelConnectionDto,
  type ChannelCredentials,
  type ChannelSaveInput,
  type NetworkName,
} from "./channel.schemas";

/**
 * The brand's own app credentials per network. Credentials are sealed with the secret box, bound
 * to the tenant and the row; nothing here returns them to a caller except `getChannelCredentials`
 * (channel-credentials.ts), which the workers use. Reads need settings:read, changes settings:write,
 * and every change is audited without the secret.
 */

const CONNECTION_SELECT = {
  id: true,
  tenantId: true,
  network: true,
  label: true,
  status: true,
  lastError: true,
  createdAt: true,
  updatedAt: true,
} as const;

interface ConnectionRow {
  id: string;
  tenantId: string;
  network: NetworkName;
  label: string;
  status: ChannelConnectionDto["status"];
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
  credentialsCiphertext: string;
}

function toDto(row: ConnectionRow): ChannelConnectionDto {
  let hint = "stored credentials cannot be read: set them again";
  let credentialKind: ChannelConnectionDto["credentialKind"] = null;
  try {
    const value = openCredentials(row.tenantId, row.id, row.network, row.credentialsCiphertext);
    hint = credentialsHint(value);
    credentialKind = value.credentials.kind;
  } catch {
    // An unreadable row (old key removed, copied ciphertext) still lists, so it can be replaced.
  }
  return {
    id: row.id,
    network: row.network,
    label: row.label,
    status: row.status,
    credentialKind,
    hint,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const WITH_CIPHERTEXT = { ...CONNECTION_SELECT, credentialsCiphertext: true } as const;

export async function listChannelConnections(ctx: TenantContext): Promise<ChannelConnectionDto[]> {
  assertCan(ctx, "settings:read");
  const rows = await getDb().channelConnection.findMany({
    where: { tenantId: ctx.tenantId },
    select: WITH_CIPHERTEXT,
    orderBy: [{ network: "asc" }, { label: "asc" }],
  });
  return rows.map(toDto);
}

export async function getChannelConnectionOrThrow(ctx: TenantContext, id: string): Promise<ChannelConnectionDto> {
  assertCan(ctx, "settings:read");
  if (!ZChannelConnectionId.safeParse(id).success) throw AppError.notFound("channel connection");
  const row = await getDb().channelConnection.findFirst({ where: { tenantId: ctx.tenantId, id }, select: WITH_CIPHERTEXT });
  if (!row) throw AppError.notFound("channel connection");
  return toDto(row);
}

/** The connection of a network under a label (the API's /channels/:network addresses "default"). */
export async function findChannelConnection(
  ctx: TenantContext,
  network: NetworkName,
  label: string = DEFAULT_CONNECTION_LABEL,
): Promise<ChannelConnectionDto | null> {
  assertCan(ctx, "settings:read");
  const parsedLabel = ZConnectionLabel.safeParse(label);
  if (!parsedLabel.success) return null;
  const row = await getDb().channelConnection.findFirst({
    where: { tenantId: ctx.tenantId, network, label: parsedLabel.data },
    select: WITH_CIPHERTEXT,
  });
  return row ? toDto(row) : null;
}

async function newConnectionId(tx: DbTx): Promise<string> {
  // The id is drawn first so the ciphertext can be bound to the row it is written into.
  // no-tenant-data: draws an id from the id function, reads no table
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT megaphone_id('chc') AS id`;
  const id = rows[0]?.id;
  if (!id) throw new AppError("INTERNAL", "could not allocate an id");
  return id;
}

/**
 * Creates the tenant's connection for a network (and label), or replaces its credentials. A
 * replaced connection becomes ACTIVE again, and sources that were waiting for a reconnect resume.
 */
export async function saveChannelConnection(ctx: TenantContext, raw: ChannelSaveInput): Promise<ChannelConnectionDto> {
  assertCan(ctx, "settings:write");
  const input = ZChannelSave.parse(raw);
  const value = { network: input.network, credentials: input.credentials } as ChannelCredentials;
  for (let attempt = 0; ; attempt++) {
    try {
      return await getDb().$transaction(async (tx) => {
        const existing = await tx.channelConnection.findFirst({
          where: { tenantId: ctx.tenantId, network: input.network, label: input.label },
          select: { id: true, status: true },
        });
        const id = existing?.id ?? (await newConnectionId(tx));
        const credentialsCiphertext = sealCredentials(ctx.tenantId, id, value);
        if (existing) {
          await tx.channelConnection.updateMany({
            where: { tenantId: ctx.tenantId, id },
            data: { credentialsCiphertext, status: "ACTIVE", lastError: null, updatedAt: new Date() },
          });
        } else {
          await tx.channelConnection.create({
            data: { id, tenantId: ctx.tenantId, network: input.network, label: input.label, credentialsCiphertext },
            select: { id: true },
          });
        }
        const resumed = await resumeSourcesAfterReconnect(tx, ctx, {
          network: input.network,
          connectionId: id,
          isDefault: input.label === DEFAULT_CONNECTION_LABEL,
        });
        await writeAudit(tx, ctx, {
          action: existing ? "channel.credentials_replaced" : "channel.created",
          targetType: "ChannelConnection",
          targetId: id,
          data: {
            network: input.network,
            label: input.label,
            credentialKind: input.credentials.kind,
            ...(existing ? { previousStatus: existing.status } : {}),
            ...(resumed ? { resumedSources: resumed } : {}),
          },
        });
        const row = await tx.channelConnection.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id }, select: WITH_CIPHERTEXT });
        return toDto(row);
      });
    } catch (error) {
      // Two saves raced to create the same network/label: the second one replaces instead.
      if (attempt === 0 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/** Disabling stops the workers from using a connection; enabling brings a disabled one back. */
export async function setChannelConnectionEnabled(ctx: TenantContext, id: string, enabled: boolean): Promise<ChannelConnectionDto> {
  assertCan(ctx, "settings:write");
  const current = await getChannelConnectionOrThrow(ctx, id);
  if (enabled && current.status !== "DISABLED") return current;
  if (!enabled && current.status === "DISABLED") return current;
  return getDb().$transaction(async (tx) => {
    const updated = await tx.channelConnection.updateMany({
      where: { tenantId: ctx.tenantId, id, status: current.status },
      data: { status: enabled ? "ACTIVE" : "DISABLED", updatedAt: new Date() },
    });
    if (updated.count !== 1) throw new AppError("CONFLICT", "the connection changed meanwhile; reload and try again");
    const resumed = enabled
      ? await resumeSourcesAfterReconnect(tx, ctx, { network: current.network, connectionId: id, isDefault: current.label === DEFAULT_CONNECTION_LABEL })
      : 0;
    await writeAudit(tx, ctx, {
      action: enabled ? "channel.enabled" : "channel.disabled",
      targetType: "ChannelConnection",
      targetId: id,
      data: { network: current.network, label: current.label, ...(resumed ? { resumedSources: resumed } : {}) },
    });
    const row = await tx.channelConnection.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id }, select: WITH_CIPHERTEXT });
    return toDto(row);
  });
}

/** Removes a connection and its credentials; its sources stay and fall back to the network's default. */
export async function deleteChannelConnection(ctx: TenantContext, id: string): Promise<{ deleted: true }> {
  assertCan(ctx, "settings:write");
  const current = await getChannelConnectionOrThrow(ctx, id);
  return getDb().$transaction(async (tx) => {
    const deleted = await tx.channelConnection.deleteMany({ where: { tenantId: ctx.tenantId, id } });
    if (deleted.count !== 1) throw AppError.notFound("channel connection");
    await writeAudit(tx, ctx, {
      action: "channel.deleted",
      targetType: "ChannelConnection",
      targetId: id,
      data: { network: current.network, label: current.label },
    });
    return { deleted: true as const };
  });
}
