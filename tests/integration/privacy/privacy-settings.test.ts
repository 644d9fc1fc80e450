// Settings → Privacy: the program terms customers accept and the acceptances that stand (per
// version, erased and merged customers left out), who allows posting, the last 30 days' erasures
// and exports, and the brand's privacy policy link — https only, audited, refused to a viewer, and
// held to https by the database too.
import { describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb, unsafeCrossTenantDb } from "../../../src/server/db/client";
import { findPortalBrand } from "../../../src/server/modules/portal/portal-brand";
import { PROGRAM_CONSENT_SCOPE, PROGRAM_TERMS_VERSION } from "../../../src/server/modules/portal/program-terms";
import { getPrivacySettings, updatePrivacyPolicyUrl } from "../../../src/server/modules/privacy/privacy-settings.service";
import { createTenantWithMember, makeCustomer } from "../support/factories";

async function accept(
  ctx: TenantContext,
  customerId: string,
  policyVersion: string,
  extra: { revokedAt?: Date; allowPosting?: boolean; profile?: boolean } = {},
) {
  const profile = extra.profile
    ? await getDb().socialProfile.create({
        data: {
          tenantId: ctx.tenantId,
          customerId,
          network: "TWITTER",
          externalUserId: `x-${customerId}`,
          handle: `h_${customerId.slice(-6)}`,
          linkedAt: new Date(),
        },
      })
    : null;
  await getDb().consentRecord.create({
    data: {
      tenantId: ctx.tenantId,
      customerId,
      scopes: profile ? ["tweet.read"] : [PROGRAM_CONSENT_SCOPE],
      policyVersion,
      network: profile ? "TWITTER" : null,
      socialProfileId: profile?.id ?? null,
      allowPosting: extra.allowPosting ?? false,
      revokedAt: extra.revokedAt ?? null,
    },
  });
}

describe("privacy settings", () => {
  it("counts the acceptances that stand per terms version, posting permission and the last 30 days' privacy acts", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const other = await createTenantWithMember("ADMIN");
    const [a, b, c, erased, merged] = await Promise.all([1, 2, 3, 4, 5].map(() => makeCustomer(ctx)));
    await accept(ctx, a!.id, PROGRAM_TERMS_VERSION);
    await accept(ctx, a!.id, PROGRAM_TERMS_VERSION); // accepted twice: one customer
    await accept(ctx, b!.id, "program-2026-01");
    await accept(ctx, c!.id, PROGRAM_TERMS_VERSION, { revokedAt: new Date() });
    await accept(ctx, erased!.id, PROGRAM_TERMS_VERSION);
    await accept(ctx, merged!.id, PROGRAM_TERMS_VERSION);
    await accept(ctx, a!.id, PROGRAM_TERMS_VERSION, { profile: true, allowPosting: true });
    await accept(ctx, b!.id, PROGRAM_TERMS_VERSION, { profile: true, allowPosting: false });
    const otherCustomer = await makeCustomer(other.ctx);
    await accept(other.ctx, otherCustomer.id, PROGRAM_TERMS_VERSION);
    const db = unsafeCrossTenantDb();
    await db.customer.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: erased!.id } }, data: { erasedAt: new Date() } });
    await db.customer.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: merged!.id } }, data: { mergedIntoId: a!.id } });
    await db.auditLog.createMany({
      data: [
        { tenantId: ctx.tenantId, actorType: "USER", action: "customer.exported", targetType: "Customer", targetId: a!.id },
        {
          tenantId: ctx.tenantId,
          actorType: "USER",
          action: "customer.exported",
          targetType: "Customer",
          targetId: b!.id,
          createdAt: new Date(Date.now() - 40 * 86_400_000),
        },
        { tenantId: other.ctx.tenantId, actorType: "USER", action: "customer.exported", targetType: "Customer", targetId: otherCustomer.id },
      ],
    });

    const privacy = await getPrivacySettings(ctx);
    expect(privacy.terms.version).toBe(PROGRAM_TERMS_VERSION);
    expect(privacy.terms.lines.join(" ")).toContain("erased");
    expect(privacy.acceptances).toEqual([
      { version: PROGRAM_TERMS_VERSION, customers: 1 },
      { version: "program-2026-01", customers: 1 },
    ]);
    expect(privacy.postingAllowedCustomers).toBe(1);
    expect(privacy.last30Days).toEqual({ erasures: 1, exportsByStaffOrApi: 1 });
    expect(privacy.privacyPolicyUrl).toBeNull();
  });

  it("sets the policy link (https only), audits the change, shows it to the portal, and refuses a viewer", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    for (const [url, message] of [
      ["javascript:alert(1)", "enter a full https:// address, or leave it empty"],
      ["http://brand.example/privacy", "enter a full https:// address, or leave it empty"],
      ["https://user:pw@brand.example/privacy", "the address must not hold a user name or password"],
      [`https://brand.example/${"p".repeat(500)}`, "at most 500 characters"],
    ] as const) {
      await expect(updatePrivacyPolicyUrl(ctx, { privacyPolicyUrl: url })).rejects.toMatchObject({ issues: [expect.objectContaining({ message })] });
    }
    await updatePrivacyPolicyUrl(ctx, { privacyPolicyUrl: "  https://brand.example/privacy  " });
    await updatePrivacyPolicyUrl(ctx, { privacyPolicyUrl: "https://brand.example/privacy" }); // the same: nothing to audit
    expect((await getPrivacySettings(ctx)).privacyPolicyUrl).toBe("https://brand.example/privacy");
    expect((await findPortalBrand(ctx.tenantSlug)).privacyPolicyUrl).toBe("https://brand.example/privacy");
    await updatePrivacyPolicyUrl(ctx, { privacyPolicyUrl: "" });
    expect((await findPortalBrand(ctx.tenantSlug)).privacyPolicyUrl).toBeNull();
    const audit = await getDb().auditLog.findMany({ where: { tenantId: ctx.tenantId, action: "privacy.policy_link_changed" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((e) => e.data)).toEqual([
      { from: null, to: "https://brand.example/privacy" },
      { from: "https://brand.example/privacy", to: null },
    ]);

    const viewer = { ...ctx, role: "VIEWER" as const };
    await expect(updatePrivacyPolicyUrl(viewer, { privacyPolicyUrl: "https://x.example/p" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getPrivacySettings(viewer)).resolves.toMatchObject({ privacyPolicyUrl: null });
    // Whatever writes the row, the database holds it to https.
    await expect(unsafeCrossTenantDb().tenant.update({ where: { id: ctx.tenantId }, data: { privacyPolicyUrl: "javascript:alert(1)" } })).rejects.toThrow(
      /Tenant_privacyPolicyUrl_https|check constraint/i,
    );
  });
});
