import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { unsafeCrossTenantDb } from "../../../src/server/db/client";
import { toAppError } from "../../../src/server/http/problem";
import { DEFAULT_BRAND_COLOR } from "../../../src/server/modules/tenants/brand-appearance.schemas";
import {
  brandAppearance,
  getBrandSettings,
  removeBrandLogo,
  setBrandLogo,
  updateBrandColor,
} from "../../../src/server/modules/tenants/brand-appearance.service";
import { addMember, createTenantWithMember } from "../support/factories";
import { withTemporaryStorage } from "../support/temp-storage";
import { GIF_1X1, pngBytes, SVG_WITH_SCRIPT } from "../support/test-images";

const storage = withTemporaryStorage();
const db = unsafeCrossTenantDb();
const upload = (bytes: Uint8Array, name = "logo.png") => new File([bytes as Uint8Array<ArrayBuffer>], name, { type: "image/png" });
const onDisk = (key: string) => existsSync(join(storage.dir(), ...key.split("/")));
const tenantRow = (id: string) => db.tenant.findUniqueOrThrow({ where: { id }, select: { brandColor: true, logoKey: true } });
const auditOf = (tenantId: string) =>
  db.auditLog.findMany({
    where: { tenantId, action: { startsWith: "brand." } },
    orderBy: { createdAt: "asc" },
    select: { action: true, actorId: true, data: true },
  });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  return error === null ? "no error" : toAppError(error).code;
}

describe("brand appearance", () => {
  // #c84310 under white text: 4.92:1, worked out by hand from the WCAG formula.
  it("starts with Megaphone's colour, readable text and no logo", async () => {
    const { ctx, tenant } = await createTenantWithMember("VIEWER", "Tasti Test");
    expect(await brandAppearance(ctx)).toEqual({
      name: "Tasti Test",
      color: DEFAULT_BRAND_COLOR,
      textColor: "#ffffff",
      contrast: 4.92,
      logoUrl: null,
      themeUrl: "/brand-theme/c84310.css",
    });
    expect(await getBrandSettings(ctx)).toMatchObject({ customColor: false });
    expect(tenant.brandColor).toBeNull();
  });

  it("lets an admin set the colour (normalised, audited), a light one getting black text, and go back to the default", async () => {
    const { ctx, tenant } = await createTenantWithMember("ADMIN");
    const dark = await updateBrandColor(ctx, { brandColor: "#1D4ED8" });
    expect(dark).toMatchObject({ color: "#1d4ed8", textColor: "#ffffff" });
    expect(dark.contrast).toBeGreaterThanOrEqual(4.5);
    const light = await updateBrandColor(ctx, { brandColor: "#FE0" });
    expect(light).toMatchObject({ color: "#ffee00", textColor: "#000000" });
    expect((await tenantRow(tenant.id)).brandColor).toBe("#ffee00");
    expect((await updateBrandColor(ctx, { brandColor: "" })).color).toBe(DEFAULT_BRAND_COLOR);
    expect((await tenantRow(tenant.id)).brandColor).toBeNull();
    expect(await auditOf(tenant.id)).toEqual([
      { action: "brand.color-changed", actorId: ctx.actor.id, data: { from: null, to: "#1d4ed8" } },
      { action: "brand.color-changed", actorId: ctx.actor.id, data: { from: "#1d4ed8", to: "#ffee00" } },
      { action: "brand.color-changed", actorId: ctx.actor.id, data: { from: "#ffee00", to: null } },
    ]);
  });

  it("refuses a colour that is not one, and the database refuses it too", async () => {
    const { ctx, tenant } = await createTenantWithMember("OWNER");
    for (const bad of ["blue", "#12345", "#1234567", "#fff;}body{display:none"])
      expect(await codeOf(updateBrandColor(ctx, { brandColor: bad }))).toBe("VALIDATION_FAILED");
    expect(await codeOf(updateBrandColor(ctx, { brandColor: "#123456", extra: 1 }))).toBe("VALIDATION_FAILED");
    await expect(db.tenant.update({ where: { id: tenant.id }, data: { brandColor: "red" } })).rejects.toThrow(/Tenant_brandColor_hex/);
    await expect(db.tenant.update({ where: { id: tenant.id }, data: { logoKey: "ten_other/logo/a.png" } })).rejects.toThrow(/Tenant_logoKey_own/);
    expect(await tenantRow(tenant.id)).toEqual({ brandColor: null, logoKey: null });
  });

  it("uploads a logo, replaces it (the old image deleted once the new one is saved) and removes it, audited", async () => {
    const { ctx, tenant } = await createTenantWithMember("ADMIN");
    const first = await setBrandLogo(ctx, upload(pngBytes(16, 16)));
    const firstKey = (await tenantRow(tenant.id)).logoKey!;
    expect(firstKey).toMatch(new RegExp(`^${tenant.id}/logo/[0-9a-f]{32}\\.png$`));
    expect(first.logoUrl).toBe(`/media/${firstKey}`);
    expect(onDisk(firstKey)).toBe(true);

    const second = await setBrandLogo(ctx, upload(GIF_1X1, "logo.gif"));
    const secondKey = (await tenantRow(tenant.id)).logoKey!;
    expect(secondKey).toMatch(/\.gif$/);
    expect(second.logoUrl).toBe(`/media/${secondKey}`);
    expect(onDisk(firstKey)).toBe(false);
    expect(onDisk(secondKey)).toBe(true);

    expect((await removeBrandLogo(ctx)).logoUrl).toBeNull();
    expect((await tenantRow(tenant.id)).logoKey).toBeNull();
    expect(onDisk(secondKey)).toBe(false);
    expect((await brandAppearance(ctx)).logoUrl).toBeNull();
    // Removing again changes nothing and writes no audit entry.
    await removeBrandLogo(ctx);
    expect(await auditOf(tenant.id)).toEqual([
      { action: "brand.logo-changed", actorId: ctx.actor.id, data: { from: null, to: firstKey } },
      { action: "brand.logo-changed", actorId: ctx.actor.id, data: { from: firstKey, to: secondKey } },
      { action: "brand.logo-removed", actorId: ctx.actor.id, data: { from: secondKey } },
    ]);
  });

  it("keeps the current logo when an upload is refused", async () => {
    const { ctx, tenant } = await createTenantWithMember("ADMIN");
    await setBrandLogo(ctx, upload(pngBytes(4, 4)));
    const kept = (await tenantRow(tenant.id)).logoKey!;
    expect(await codeOf(setBrandLogo(ctx, upload(SVG_WITH_SCRIPT, "logo.svg")))).toBe("VALIDATION_FAILED");
    expect((await tenantRow(tenant.id)).logoKey).toBe(kept);
    expect(onDisk(kept)).toBe(true);
  });

  it("lets viewers and marketers read but not change anything", async () => {
    const { ctx: owner, tenant } = await createTenantWithMember("OWNER");
    await updateBrandColor(owner, { brandColor: "#0f766e" });
    for (const role of ["VIEWER", "MARKETER"] as const) {
      const { ctx } = await addMember(owner, role);
      expect((await getBrandSettings(ctx)).color).toBe("#0f766e");
      expect(await codeOf(updateBrandColor(ctx, { brandColor: "#000000" }))).toBe("FORBIDDEN");
      expect(await codeOf(setBrandLogo(ctx, upload(pngBytes(2, 2))))).toBe("FORBIDDEN");
      expect(await codeOf(removeBrandLogo(ctx))).toBe("FORBIDDEN");
    }
    expect(await tenantRow(tenant.id)).toEqual({ brandColor: "#0f766e", logoKey: null });
  });
});
