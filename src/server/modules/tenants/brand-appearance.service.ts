import { assertCan, type TenantContext, type TenantScope } from "../../auth/tenant-context";
import { getDb, type DbTx } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors";
import { deleteImageQuietly, mediaUrl, storeImage } from "../../storage/store-image";
import { writeAudit } from "../audit/audit.service";
import { contrastRatio, readableTextColor } from "./brand-contrast";
import { brandThemeHref } from "./brand-theme-css";
import {
  DEFAULT_BRAND_COLOR,
  ZBrandAppearanceDto,
  ZBrandColorUpdate,
  ZBrandSettingsDto,
  type BrandAppearanceDto,
  type BrandSettingsDto,
} from "./brand-appearance.schemas";

export interface AppearanceRow {
  name: string;
  brandColor: string | null;
  logoKey: string | null;
}

async function readAppearance(scope: TenantScope): Promise<AppearanceRow> {
  const tenant = await getDb().tenant.findUnique({ where: { id: scope.tenantId }, select: { name: true, brandColor: true, logoKey: true } });
  if (!tenant) throw AppError.notFound("brand");
  return tenant;
}

/** The appearance of a Tenant row already read (name, brandColor, logoKey): pure, no query. */
export function appearanceOf(row: AppearanceRow): BrandAppearanceDto {
  const color = row.brandColor ?? DEFAULT_BRAND_COLOR;
  const textColor = readableTextColor(color);
  return ZBrandAppearanceDto.parse({
    name: row.name,
    color,
    textColor,
    contrast: Math.round(contrastRatio(color, textColor) * 100) / 100,
    logoUrl: row.logoKey ? mediaUrl(row.logoKey) : null,
    themeUrl: brandThemeHref(color),
  });
}

/**
 * The brand's name, colour, a text colour readable on it and its logo URL, for the portal and any
 * page shown in the brand's look. Takes a scope (staff or a portal customer): it is what anyone
 * visiting the brand's portal sees anyway.
 */
export async function brandAppearance(scope: TenantScope): Promise<BrandAppearanceDto> {
  return appearanceOf(await readAppearance(scope));
}

/** Settings → Brand (settings:read). */
export async function getBrandSettings(ctx: TenantContext): Promise<BrandSettingsDto> {
  assertCan(ctx, "settings:read");
  const row = await readAppearance(ctx);
  return ZBrandSettingsDto.parse({ ...appearanceOf(row), customColor: row.brandColor !== null });
}

/** Locks the tenant's row for the rest of the transaction, so two saves of its appearance serialise and each knows what it replaced. */
async function lockAppearance(tx: DbTx, ctx: TenantScope): Promise<AppearanceRow> {
  const [row] = await tx.$queryRaw<AppearanceRow[]>(
    // no-tenant-data: the tenant's own Tenant row (platform table, keyed by the tenant id)
    Prisma.sql`SELECT name, "brandColor", "logoKey" FROM "Tenant" WHERE id = ${ctx.tenantId} FOR UPDATE`,
  );
  if (!row) throw AppError.notFound("brand");
  return row;
}

/** Sets the brand's colour, or back to the product's own with "" (settings:write; audited). */
export async function updateBrandColor(ctx: TenantContext, input: unknown): Promise<BrandAppearanceDto> {
  assertCan(ctx, "settings:write");
  const { brandColor } = ZBrandColorUpdate.parse(input);
  return getDb().$transaction(async (tx) => {
    const before = await lockAppearance(tx, ctx);
    await tx.tenant.update({ where: { id: ctx.tenantId }, data: { brandColor } });
    await writeAudit(tx, ctx, {
      action: "brand.color-changed",
      targetType: "Tenant",
      targetId: ctx.tenantId,
      data: { from: before.brandColor, to: brandColor },
    });
    return appearanceOf({ ...before, brandColor });
  });
}

/**
 * Replaces the brand's logo with an uploaded image (settings:write; audited). The image is stored
 * first (storeImage decides its type from its bytes and refuses anything else); the old logo is
 * deleted only once the new key is committed, and a new image whose save failed is deleted again.
 */
export async function setBrandLogo(ctx: TenantContext, file: Blob): Promise<BrandAppearanceDto> {
  assertCan(ctx, "settings:write");
  const key = await storeImage(ctx, "logo", file, "logo");
  let replaced: string | null = null;
  try {
    const after = await getDb().$transaction(async (tx) => {
      const before = await lockAppearance(tx, ctx);
      replaced = before.logoKey;
      await tx.tenant.update({ where: { id: ctx.tenantId }, data: { logoKey: key } });
      await writeAudit(tx, ctx, { action: "brand.logo-changed", targetType: "Tenant", targetId: ctx.tenantId, data: { from: before.logoKey, to: key } });
      return appearanceOf({ ...before, logoKey: key });
    });
    await deleteImageQuietly(ctx, replaced);
    return after;
  } catch (error) {
    await deleteImageQuietly(ctx, key);
    throw error;
  }
}

/** Removes the brand's logo (settings:write; audited); its image is deleted after the change commits. */
export async function removeBrandLogo(ctx: TenantContext): Promise<BrandAppearanceDto> {
  assertCan(ctx, "settings:write");
  const { after, removed } = await getDb().$transaction(async (tx) => {
    const before = await lockAppearance(tx, ctx);
    if (before.logoKey) {
      await tx.tenant.update({ where: { id: ctx.tenantId }, data: { logoKey: null } });
      await writeAudit(tx, ctx, { action: "brand.logo-removed", targetType: "Tenant", targetId: ctx.tenantId, data: { from: before.logoKey } });
    }
    return { after: appearanceOf({ ...before, logoKey: null }), removed: before.logoKey };
  });
  await deleteImageQuietly(ctx, removed);
  return after;
}
