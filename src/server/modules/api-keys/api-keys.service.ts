import { randomBytes } from "node:crypto";
import { API_SCOPES } from "../../auth/api-scopes";
import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { hashEmailedToken } from "../../crypto/emailed-token";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { writeAudit } from "../audit/audit.service";
import { ZCreateApiKey, ZRevokeApiKey, type ApiKeyDto, type CreateApiKeyInput } from "./api-key.schemas";

/** "mgp_" marks a Megaphone key in logs and secret scanners; 32 random bytes follow. */
export const API_KEY_MARK = "mgp_";
const PREFIX_LENGTH = 12;
/** A brand has a handful of integrations; this keeps a runaway script from minting thousands. */
const MAX_ACTIVE_KEYS = 50;

const SELECT = { id: true, name: true, prefix: true, scopes: true, role: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true } as const;

type Row = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  role: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
};

function toDto(row: Row, now: Date): ApiKeyDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: API_SCOPES.filter((s) => row.scopes.includes(s)),
    role: row.role,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    state: row.revokedAt ? "REVOKED" : row.expiresAt && row.expiresAt <= now ? "EXPIRED" : "ACTIVE",
  };
}

/**
 * A new key for this brand. The secret is returned once and only its SHA-256 is kept (a database
 * leak opens nothing), with a short visible prefix. The key acts with its maker's role, never more,
 * and only within its scopes. Brand admins and owners (settings:write); audited without the secret.
 */
export async function createApiKey(ctx: TenantContext, raw: CreateApiKeyInput, now = new Date()): Promise<{ key: ApiKeyDto; secret: string }> {
  assertCan(ctx, "settings:write");
  if (ctx.actor.type === "API_KEY") throw new AppError("FORBIDDEN", "an API key cannot create API keys");
  const input = ZCreateApiKey.parse(raw);
  const secret = `${API_KEY_MARK}${randomBytes(32).toString("base64url")}`;
  const db = getDb();
  const row = await db.$transaction(async (tx) => {
    const active = await tx.apiKey.count({ where: { tenantId: ctx.tenantId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } });
    if (active >= MAX_ACTIVE_KEYS) throw new AppError("CONFLICT", `this brand already has ${MAX_ACTIVE_KEYS} active keys: revoke one first`);
    const created = await tx.apiKey.create({
      data: {
        tenantId: ctx.tenantId,
        name: input.name,
        prefix: secret.slice(0, PREFIX_LENGTH),
        keyHash: hashEmailedToken(secret),
        role: ctx.role,
        scopes: [...new Set(input.scopes)],
        createdById: ctx.actor.id,
        expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
      },
      select: SELECT,
    });
    await writeAudit(tx, ctx, {
      action: "api_key.created",
      targetType: "ApiKey",
      targetId: created.id,
      data: { name: created.name, prefix: created.prefix, scopes: created.scopes, expiresAt: created.expiresAt?.toISOString() ?? null },
    });
    return created;
  });
  return { key: toDto(row, now), secret };
}

/** The brand's keys, newest first (revoked ones too, so their history stays readable). */
export async function listApiKeys(ctx: TenantContext, now = new Date()): Promise<ApiKeyDto[]> {
  assertCan(ctx, "settings:read");
  const rows = await getDb().apiKey.findMany({
    where: { tenantId: ctx.tenantId },
    select: SELECT,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 500,
  });
  return rows.map((r) => toDto(r, now));
}

/** Revokes a key at once (the next request with it is refused); revoking twice changes nothing. Audited. */
export async function revokeApiKey(ctx: TenantContext, raw: { apiKeyId: string }, now = new Date()): Promise<{ revoked: boolean }> {
  assertCan(ctx, "settings:write");
  const { apiKeyId } = ZRevokeApiKey.parse(raw);
  return getDb().$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { tenantId: ctx.tenantId, id: apiKeyId }, select: { id: true, name: true, prefix: true, revokedAt: true } });
    if (!key) throw AppError.notFound("key");
    if (key.revokedAt) return { revoked: false };
    await tx.apiKey.updateMany({ where: { tenantId: ctx.tenantId, id: key.id, revokedAt: null }, data: { revokedAt: now } });
    await writeAudit(tx, ctx, { action: "api_key.revoked", targetType: "ApiKey", targetId: key.id, data: { name: key.name, prefix: key.prefix } });
    return { revoked: true };
  });
}
