import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { CustomerContext, TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb, unsafeCrossTenantDb } from "../../../src/server/db/client";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { resolveCustomerSession, startCustomerSession } from "../../../src/server/modules/portal/customer-sessions";
import { eraseMe } from "../../../src/server/modules/portal/erase-me";
import { exportMyData } from "../../../src/server/modules/portal/export-my-data";
import { findPortalBrand } from "../../../src/server/modules/portal/portal-brand";
import { createTenantWithMember, makeCustomer } from "../support/factories";

/** Issue 11 item 12: the customer downloads everything held about them, and can be erased with the books kept whole. */
const asCustomer = (ctx: TenantContext, customerId: string): CustomerContext => ({
  tenantId: ctx.tenantId,
  tenantSlug: ctx.tenantSlug,
  customerId,
  actor: { type: "CUSTOMER", id: customerId },
});

async function withLinkedAccount(ctx: TenantContext, customerId: string) {
  const db = unsafeCrossTenantDb();
  const profile = await db.socialProfile.create({
    data: {
      tenantId: ctx.tenantId,
      customerId,
      network: "TWITTER",
      externalUserId: `x-${randomUUID().slice(0, 8)}`,
      handle: "ann_tweets",
      displayName: "Ann T",
      accessTokenCiphertext: "sealed-access",
      refreshTokenCiphertext: "sealed-refresh",
      scopes: ["tweet.read", "users.read"],
      linkedAt: new Date(),
    },
  });
  await db.consentRecord.create({
    data: { tenantId: ctx.tenantId, customerId, network: "TWITTER", socialProfileId: profile.id, scopes: ["tweet.read"], policyVersion: "v1" },
  });
  await db.mention.create({
    data: {
      tenantId: ctx.tenantId,
      network: "TWITTER",
      externalId: `post-${randomUUID().slice(0, 8)}`,
      customerId,
      socialProfileId: profile.id,
      authorExternalId: profile.externalUserId,
      authorHandle: "ann_tweets",
      authorFollowers: 10,
      text: "I love the froyo at the brand, my phone is 555-0100",
      url: "https://x.com/ann_tweets/status/1",
      postedAt: new Date(),
      status: "CREDITED",
    },
  });
  return profile;
}

describe("my data", () => {
  it("exports profile, emails, consents, linked accounts (no tokens), every ledger entry in words, mentions and sessions — 10k entries included", async () => {
    const { ctx } = await createTenantWithMember("OWNER", "Tasti D-Lite");
    const email = `ann-${randomUUID().slice(0, 6)}@example.test`;
    const me = await makeCustomer(ctx, { displayName: "Ann", emails: [email] });
    const other = await makeCustomer(ctx);
    await withLinkedAccount(ctx, me.id);
    await adjustPoints(ctx, { customerId: other.id, amount: 5, reason: "not mine", idempotencyKey: randomUUID() });
    // 10,000 entries and their balance, written in one statement the way adjustments are.
    await getDb().$executeRaw`
      INSERT INTO "LedgerEntry" ("tenantId", "customerId", amount, source, "idempotencyKey", explanation)
      SELECT ${ctx.tenantId}, ${me.id}, 1, 'ADJUSTMENT', 'adjustment:bulk-' || g, jsonb_build_object('formula', '+1 set by staff', 'note', 'visit ' || g)
      FROM generate_series(1, 10000) g`;
    await getDb().$executeRaw`
      INSERT INTO "PointBalance" ("tenantId", "customerId", balance, "lifetimeEarned", "updatedAt") VALUES (${ctx.tenantId}, ${me.id}, 10000, 10000, now())`;
    const portal = await findPortalBrand(ctx.tenantSlug);
    await getDb().$transaction((tx) => startCustomerSession(tx, portal.scope, me.id, new Date()));

    const data = await exportMyData(asCustomer(ctx, me.id));
    expect(data.brand).toBe("Tasti D-Lite");
    expect(data.profile).toMatchObject({ displayName: "Ann", emails: [{ email, isPrimary: true }] });
    expect(data.points).toEqual({ balance: 10000, lifetimeEarned: 10000 });
    expect(data.ledger).toHaveLength(10000);
    expect(data.ledger[0]!.words).toMatch(/^\+1: from Tasti D-Lite: visit \d+$/);
    expect(data.linkedAccounts).toMatchObject([{ network: "TWITTER", handle: "ann_tweets" }]);
    expect(data.consents).toHaveLength(1);
    expect(data.mentions).toMatchObject([{ text: expect.stringContaining("froyo") as string }]);
    expect(data.portalSessions).toHaveLength(1);
    const text = JSON.stringify(data);
    expect(text).not.toContain("sealed-");
    expect(text).not.toContain("not mine");
    expect(text).not.toMatch(/tokenHash|Ciphertext/);
  });

  it("erasure removes personal data, revokes linked accounts, ends sessions and keeps the ledger whole; a staff preview cannot erase", async () => {
    const { ctx } = await createTenantWithMember("OWNER", "Tasti D-Lite");
    const email = `erase-${randomUUID().slice(0, 6)}@example.test`;
    const me = await makeCustomer(ctx, { displayName: "Ann Lee", emails: [email], phone: "+1 555 0100" });
    const profile = await withLinkedAccount(ctx, me.id);
    await adjustPoints(ctx, { customerId: me.id, amount: 70, reason: "welcome", idempotencyKey: randomUUID() });
    const portal = await findPortalBrand(ctx.tenantSlug);
    const session = await getDb().$transaction((tx) => startCustomerSession(tx, portal.scope, me.id, new Date()));
    const ledgerBefore = await getDb().ledgerEntry.findMany({ where: { tenantId: ctx.tenantId, customerId: me.id } });

    const cctx = asCustomer(ctx, me.id);
    await expect(eraseMe({ ...cctx, previewBy: { userId: ctx.actor.id! } }, { confirm: "erase" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(eraseMe(cctx, { confirm: "yes" })).rejects.toMatchObject({ issues: [expect.objectContaining({ message: 'type "erase" to confirm' })] });
    await eraseMe(cctx, { confirm: " Erase " });

    const db = getDb();
    const customer = await db.customer.findUniqueOrThrow({ where: { tenantId_id: { tenantId: ctx.tenantId, id: me.id } } });
    expect(customer).toMatchObject({ displayName: "Erased customer", phone: null, externalId: null, notes: null });
    expect(customer.erasedAt).not.toBeNull();
    expect(await db.customerEmail.count({ where: { tenantId: ctx.tenantId, email } })).toBe(0);
    // Token columns are omitted by the guard-rail client: read them as stored.
    const [linked] = await db.$queryRaw<Record<string, unknown>[]>`
      SELECT status::text, handle, "displayName", "accessTokenCiphertext", "refreshTokenCiphertext" FROM "SocialProfile"
      WHERE "tenantId" = ${ctx.tenantId} AND id = ${profile.id}`;
    expect(linked).toEqual({ status: "REVOKED", handle: "[erased]", displayName: null, accessTokenCiphertext: null, refreshTokenCiphertext: null });
    expect(await db.consentRecord.count({ where: { tenantId: ctx.tenantId, customerId: me.id, revokedAt: null } })).toBe(0);
    expect(await db.mention.findMany({ where: { tenantId: ctx.tenantId, customerId: me.id }, select: { text: true, authorHandle: true, url: true } })).toEqual([
      { text: "[erased]", authorHandle: "[erased]", url: null },
    ]);
    expect(await resolveCustomerSession(portal.scope, session.token)).toBeNull();
    // The books: the same entries, the same balance row.
    expect(await db.ledgerEntry.findMany({ where: { tenantId: ctx.tenantId, customerId: me.id } })).toEqual(ledgerBefore);
    expect(await db.auditLog.findFirst({ where: { tenantId: ctx.tenantId, action: "customer.erased" } })).toMatchObject({
      actorType: "CUSTOMER",
      actorId: me.id,
    });
  });
});
