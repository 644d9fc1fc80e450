// "A test drives the API with a key from a fresh brand through the whole customer lifecycle using
// the generated OpenAPI document": every call below is found by its operationId in the document
// (method and path template) and sent to the route file that path names; every answer must be a
// documented status whose body validates against the documented schema (support/openapi-client.ts).
// The values are checked against the database, step by step.
import { describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { createApiKey } from "../../../src/server/modules/api-keys/api-keys.service";
import { createTenantWithMember } from "../support/factories";
import { findLedgerViolations } from "../support/ledger-invariants";
import { linkTestProfile } from "../support/linked-profile";
import { openApiClient } from "../support/openapi-client";
import { apiDocument } from "../support/openapi-validation";

type Json = Record<string, unknown>;
const items = (answer: { json: Json }) => answer.json.items as Json[];

describe("a fresh brand's customer lifecycle over the API, driven by the OpenAPI document", () => {
  it("create → get → patch with If-Match → lookup → adjust → ledger → balance → redeem → fulfil → profiles → merge → export → erase", async () => {
    const { ctx, tenant } = await createTenantWithMember("OWNER", "Lifecycle brand");
    const { secret } = await createApiKey(ctx, { name: "lifecycle", scopes: ["customers:write", "ledger:write", "rewards:write"] });
    const api = openApiClient(apiDocument(), secret, tenant.slug);
    const db = getDb();
    const t = ctx.tenantId;
    const balanceOf = async (customerId: string) => (await db.pointBalance.findFirst({ where: { tenantId: t, customerId } }))?.balance ?? 0;

    // Create, then read it back with its ETag.
    const created = await api.call("createCustomer", { body: { displayName: "Lena Lifecycle", emails: ["lena@life.test"], externalId: "pos-42" } });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    const p = { id };
    expect(
      await db.customer.findFirst({ where: { tenantId: t, id }, select: { displayName: true, externalId: true, emails: { select: { email: true } } } }),
    ).toEqual({
      displayName: "Lena Lifecycle",
      externalId: "pos-42",
      emails: [{ email: "lena@life.test" }],
    });
    const read = await api.call("getCustomer", { params: p });
    expect(read.json).toMatchObject({ id, displayName: "Lena Lifecycle" });
    const etag = read.headers.get("etag")!;

    // PATCH only over the version read: a stale If-Match is 412 and changes nothing.
    const stale = await api.call("updateCustomer", { params: p, body: { phone: "+15550100" }, headers: { "if-match": '"stale"' } });
    expect(stale.status).toBe(412);
    expect((await db.customer.findFirstOrThrow({ where: { tenantId: t, id } })).phone).toBeNull();
    const patched = await api.call("updateCustomer", { params: p, body: { phone: "+15550100", lifecycleStage: "LOYAL" }, headers: { "if-match": etag } });
    expect(patched.status).toBe(200);
    expect(patched.headers.get("etag")).not.toBe(etag);
    expect(await db.customer.findFirstOrThrow({ where: { tenantId: t, id }, select: { phone: true, lifecycleStage: true } })).toEqual({
      phone: "+15550100",
      lifecycleStage: "LOYAL",
    });

    // Found by the id the other system knows.
    expect((await api.call("lookupCustomer", { query: { externalId: "pos-42" } })).json.id).toBe(id);

    // Points: an adjustment, the ledger that shows it, and the balance.
    const adjusted = await api.call("adjustCustomerPoints", {
      params: p,
      body: { amount: 500, reason: "welcome bonus" },
      headers: { "idempotency-key": "life-1" },
    });
    expect(adjusted).toMatchObject({ status: 201, json: { balance: 500, replayed: false } });
    // The retry a network blip causes: the documented 200, nothing paid twice.
    const retried = await api.call("adjustCustomerPoints", {
      params: p,
      body: { amount: 500, reason: "welcome bonus" },
      headers: { "idempotency-key": "life-1" },
    });
    expect(retried).toMatchObject({ status: 200, json: { balance: 500, replayed: true } });
    expect(await balanceOf(id)).toBe(500);
    const ledger = await api.call("listCustomerLedger", { params: p });
    const rows = await db.ledgerEntry.findMany({ where: { tenantId: t, customerId: id }, select: { id: true, amount: true } });
    expect(items(ledger).map((e) => [e.id, e.amount])).toEqual(rows.map((r) => [r.id, r.amount]));
    const balance = await api.call("getCustomerBalance", { params: p });
    expect(balance.json).toMatchObject({ customerId: id, balance: await balanceOf(id) });
    // The same in one call: the customer with its balance, tier and profiles embedded.
    const expanded = await api.call("getCustomer", { params: p, query: { expand: "balance,tier,profiles" } });
    expect(expanded.json).toMatchObject({ id, balance: { balance: 500 }, tier: { customerId: id, tier: null }, profiles: [] });
    const unknownPart = await api.call("getCustomer", { params: p, query: { expand: "balance,secrets" } });
    expect(unknownPart.status).toBe(422);
    expect(JSON.stringify(unknownPart.json)).toContain("expand takes a comma-separated list of: balance, tier, profiles");

    // A reward made over the API, redeemed for the customer and handed over.
    const reward = await api.call("createReward", { body: { name: "Lifecycle tote", cost: 120, stock: 3 } });
    const rewardId = reward.json.id as string;
    expect(await db.reward.findFirst({ where: { tenantId: t, id: rewardId }, select: { cost: true, stock: true } })).toEqual({ cost: 120, stock: 3 });
    const redeemed = await api.call("redeemReward", { body: { customerId: id, rewardId }, headers: { "idempotency-key": "life-redeem" } });
    expect(redeemed).toMatchObject({ status: 201, json: { balance: 380, redemption: { status: "PENDING", cost: 120 } } });
    const redemptionId = (redeemed.json.redemption as Json).id as string;
    const redeemedAgain = await api.call("redeemReward", { body: { customerId: id, rewardId }, headers: { "idempotency-key": "life-redeem" } });
    expect(redeemedAgain).toMatchObject({ status: 200, json: { replayed: true, redemption: { id: redemptionId } } });
    expect(await balanceOf(id)).toBe(380);
    expect((await db.reward.findFirstOrThrow({ where: { tenantId: t, id: rewardId } })).stock).toBe(2);
    const fulfilled = await api.call("fulfilRedemption", { params: { id: redemptionId } });
    expect(fulfilled.json).toMatchObject({ unchanged: false, redemption: { status: "FULFILLED" } });
    expect(await db.redemption.findFirstOrThrow({ where: { tenantId: t, id: redemptionId }, select: { status: true } })).toEqual({ status: "FULFILLED" });

    // Linked profiles (linking happens in the portal; here as it leaves the row).
    const own = await linkTestProfile(ctx, id, { handle: "lena_on_x" });
    expect(items(await api.call("listCustomerProfiles", { params: p })).map((a) => [a.id, a.handle])).toEqual([[own.id, "lena_on_x"]]);

    // The same person recorded twice: the duplicate, with its own points and profile, goes into Lena.
    const duplicate = await api.call("createCustomer", { body: { displayName: "Lena Duplicate", emails: ["lena.dup@life.test"] } });
    const dupId = duplicate.json.id as string;
    await api.call("adjustCustomerPoints", { params: { id: dupId }, body: { amount: 70, reason: "old card" }, headers: { "idempotency-key": "life-dup" } });
    const theirs = await linkTestProfile(ctx, dupId, { network: "FOURSQUARE", handle: "lena_4sq" });
    const merged = await api.call("mergeCustomer", { params: { id: dupId }, body: { survivorId: id } });
    expect(merged.json).toEqual({ survivorId: id, movedPoints: 70, survivorBalance: 450 });
    expect(await balanceOf(id)).toBe(450);
    expect(await balanceOf(dupId)).toBe(0);
    expect((await db.customer.findFirstOrThrow({ where: { tenantId: t, id: dupId } })).mergedIntoId).toBe(id);
    expect((await api.call("lookupCustomer", { query: { email: "lena.dup@life.test" } })).json.id).toBe(id);
    const profiles = items(await api.call("listCustomerProfiles", { params: p })).map((a) => a.id);
    expect(profiles.sort()).toEqual([own.id, theirs.id].sort());
    expect((await api.call("getCustomer", { params: { id: dupId } })).status).toBe(404);

    // Everything held about her, as the portal's own export.
    const exported = await api.call("exportCustomer", { params: p });
    expect(exported.json).toMatchObject({ profile: { displayName: "Lena Lifecycle" }, points: { balance: 450 } });
    expect((exported.json.ledger as unknown[]).length).toBe(await db.ledgerEntry.count({ where: { tenantId: t, customerId: id } }));
    expect((exported.json.linkedAccounts as unknown[]).length).toBe(2);
    expect((exported.json.redemptions as unknown[]).length).toBe(1);

    // Erased: personal data gone, the ledger whole, and the API finds her no more.
    const before = await db.ledgerEntry.aggregate({ where: { tenantId: t }, _sum: { amount: true }, _count: true });
    const erased = await api.call("eraseCustomer", { params: p });
    expect(erased.json).toEqual({ erased: true, tokensNotRevokedAtNetwork: 0 });
    const row = await db.customer.findFirstOrThrow({
      where: { tenantId: t, id },
      select: { erasedAt: true, displayName: true, phone: true, externalId: true },
    });
    expect(row).toMatchObject({ phone: null, externalId: null });
    expect(row.erasedAt).not.toBeNull();
    expect(row.displayName).not.toContain("Lena");
    expect(await db.customerEmail.count({ where: { tenantId: t, customerId: id } })).toBe(0);
    expect(await db.socialProfile.count({ where: { tenantId: t, customerId: id, status: { not: "REVOKED" } } })).toBe(0);
    expect(await db.ledgerEntry.aggregate({ where: { tenantId: t }, _sum: { amount: true }, _count: true })).toEqual(before);
    expect(await findLedgerViolations(t)).toEqual([]);
    expect((await api.call("getCustomer", { params: p })).status).toBe(404);
    expect((await api.call("lookupCustomer", { query: { externalId: "pos-42" } })).status).toBe(404);

    // Each step went through the document's operation of that name.
    expect([...new Set(api.calls.map((c) => c.split(" ")[0]))]).toEqual([
      "createCustomer",
      "getCustomer",
      "updateCustomer",
      "lookupCustomer",
      "adjustCustomerPoints",
      "listCustomerLedger",
      "getCustomerBalance",
      "createReward",
      "redeemReward",
      "fulfilRedemption",
      "listCustomerProfiles",
      "mergeCustomer",
      "exportCustomer",
      "eraseCustomer",
    ]);
  });
});
