import { assertCan, systemContext, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { withPgConnection } from "../../db/raw-sql";
import { AppError } from "../../errors";
import { writeAudit } from "../audit/audit.service";
import { openCredentials, scrubError, secretValues } from "./channel-secrets";
import { DEFAULT_CONNECTION_LABEL, ZChannelConnectionId, type ChannelCredentials, type ConnectionStatusName, type NetworkName } from "./channel.schemas";

/**
 * Server-only: decrypted channel credentials for the workers (pollers, push verification).
 * Never call this from a page, route handler or server action: its result must not reach a
 * browser, a log line or a job payload. Needs settings:write; workers pass
 * `systemContext(tenantId)` built from their job payload.
 */

export type DecryptedChannelConnection = {
  id: string;
  tenantId: string;
  label: string;
  status: ConnectionStatusName;
} & ChannelCredentials;

const SECRET_SELECT = { id: true, tenantId: true, network: true, label: true, status: true, credentialsCiphertext: true } as const;

/** One connection by id, whatever its status (the caller decides what a non-ACTIVE one means). */
export async function getChannelCredentials(ctx: TenantContext, connectionId: string): Promise<DecryptedChannelConnection> {
  assertCan(ctx, "settings:write");
  if (!ZChannelConnectionId.safeParse(connectionId).success) throw AppError.notFound("channel connection");
  const row = await getDb().channelConnection.findFirst({ where: { tenantId: ctx.tenantId, id: connectionId }, select: SECRET_SELECT });
  if (!row) throw AppError.notFound("channel connection");
  const value = openCredentials(row.tenantId, row.id, row.network, row.credentialsCiphertext);
  return { id: row.id, tenantId: row.tenantId, label: row.label, status: row.status, ...value };
}

/**
 * The ACTIVE connection a tenant's sources on `network` use: the source's own connection when it
 * names one, else the network's "default" connection. Null when there is none or it is not ACTIVE.
 */
export async function getActiveChannelCredentials(
  ctx: TenantContext,
  network: NetworkName,
  connectionId?: string | null,
): Promise<DecryptedChannelConnection | null> {
  // Read on every polled page: plain SQL on the shared pool (a Prisma query cost ~1 ms of CPU here).
  const which = connectionId ? Prisma.sql`id = ${connectionId}` : Prisma.sql`label = ${DEFAULT_CONNECTION_LABEL}`;
  const [row] = await withPgConnection((run) =>
    run<{ id: string; tenantId: string; network: NetworkName; label: string; status: ConnectionStatusName; credentialsCiphertext: string }>(Prisma.sql`
      SELECT id, "tenantId", network::text AS network, label, status::text AS status, "credentialsCiphertext"
      FROM "ChannelConnection" WHERE "tenantId" = ${ctx.tenantId} AND network = ${network}::"Network" AND ${which} LIMIT 1`),
  );
  if (!row || row.status !== "ACTIVE") return null;
  const value = openCredentials(row.tenantId, row.id, row.network, row.credentialsCiphertext);
  return { id: row.id, tenantId: row.tenantId, label: row.label, status: row.status, ...value };
}

/**
 * The network refused the credentials (revoked, invalid): the connection stops being used until
 * an admin saves new ones. Only an ACTIVE connection moves; the error text is stored with any
 * secret of the connection scrubbed out. Returns whether the status changed.
 */
export async function markNeedsReconnect(ctx: TenantContext, connectionId: string, error: string): Promise<boolean> {
  const db = getDb();
  const row = await db.channelConnection.findFirst({ where: { tenantId: ctx.tenantId, id: connectionId }, select: SECRET_SELECT });
  if (!row) return false;
  let secrets: string[] = [];
  try {
    secrets = secretValues(openCredentials(row.tenantId, row.id, row.network, row.credentialsCiphertext));
  } catch {
    // unreadable credentials: nothing to scrub, and reconnecting is the right state anyway
  }
  const lastError = scrubError(error, secrets);
  return db.$transaction(async (tx) => {
    const updated = await tx.channelConnection.updateMany({
      where: { tenantId: ctx.tenantId, id: connectionId, status: "ACTIVE" },
      data: { status: "NEEDS_RECONNECT", lastError, updatedAt: new Date() },
    });
    if (updated.count !== 1) return false;
    await writeAudit(tx, systemContext(ctx.tenantId), {
      action: "channel.needs_reconnect",
      targetType: "ChannelConnection",
      targetId: connectionId,
      data: { network: row.network, label: row.label, error: lastError },
    });
    return true;
  });
}
