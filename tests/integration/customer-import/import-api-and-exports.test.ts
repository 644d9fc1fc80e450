// Issue 13 item 5 over HTTP (the route handlers, called with an API key): upload a CSV (415, 413,
// 422 with the encoding's place), check, run, poll; and the CSV exports of customers, mentions and
// redemptions: a BOM, the screen's filters, formulas escaped, another brand's key refused.
import { parse } from "csv-parse/sync";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { getEnv } from "../../../src/server/env";
import { createApiKey } from "../../../src/server/modules/api-keys/api-keys.service";
import { runCustomerImport } from "../../../src/server/modules/customer-import/import-run";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { redeemReward } from "../../../src/server/modules/rewards/redeem-reward";
import { createReward } from "../../../src/server/modules/rewards/reward.service";
import { createTenantWithMember, makeCustomer } from "../support/factories";

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const origin = () => new URL(getEnv().APP_URL).origin;

async function call(
  handler: Handler,
  method: string,
  path: string,
  params: Record<string, string>,
  key: string,
  init: { body?: BodyInit; type?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { authorization: `Bearer ${key}`, ...(init.type ? { "content-type": init.type } : {}), ...init.headers };
  const request = new NextRequest(`${origin()}/api/v1/tenants/${params.tenant}${path}`, { method, headers, body: init.body });
  return handler(request, { params: Promise.resolve(params) });
}

const routes = {
  uploads: () => import("../../../src/app/api/v1/tenants/[tenant]/customer-imports/route"),
  one: () => import("../../../src/app/api/v1/tenants/[tenant]/customer-imports/[id]/route"),
  check: () => import("../../../src/app/api/v1/tenants/[tenant]/customer-imports/[id]/check/route"),
  run: () => import("../../../src/app/api/v1/tenants/[tenant]/customer-imports/[id]/run/route"),
  customers: () => import("../../../src/app/api/v1/tenants/[tenant]/customers/export/route"),
  mentions: () => import("../../../src/app/api/v1/tenants/[tenant]/mentions/export/route"),
  redemptions: () => import("../../../src/app/api/v1/tenants/[tenant]/redemptions/export/route"),
};

async function csvOf(response: Response): Promise<string[][]> {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows: string[][] = parse(new TextDecoder().decode(bytes));
  return rows;
}

describe("customer imports over the API", () => {
  it("uploads, checks, runs and reports; refuses a wrong type, an oversize or mis-encoded file, and another brand's key", async () => {
    const { ctx, tenant } = await createTenantWithMember("OWNER");
    const { secret } = await createApiKey(ctx, { name: "POS", scopes: ["customers:write"] });
    const other = await createTenantWithMember("OWNER");
    const foreign = await createApiKey(other.ctx, { name: "theirs", scopes: ["customers:write"] });
    const { POST: upload } = await routes.uploads();
    const p = { tenant: tenant.slug };

    expect((await call(upload, "POST", "/customer-imports", p, secret, { body: "{}", type: "application/json" })).status).toBe(415);
    const big = await call(upload, "POST", "/customer-imports", p, secret, {
      body: "x",
      type: "text/csv",
      headers: { "content-length": String(21 * 1024 * 1024) },
    });
    expect(big.status).toBe(413);
    const latin1 = await call(upload, "POST", "/customer-imports", p, secret, {
      body: Buffer.from("name,email\nRen\xe9,r@x.test\n", "latin1"),
      type: "text/csv",
    });
    expect(latin1.status).toBe(422);
    expect(((await latin1.json()) as { detail: string }).detail).toMatch(/^The file is not UTF-8: byte 0xE9 on line 2/);

    const csv = "External id,Name,Emails\nP-1,Pat,pat@api.test\nP-2,Sam,sam@api.test\n";
    const created = await call(upload, "POST", "/customer-imports?filename=pos.csv", p, secret, { body: csv, type: "text/csv; charset=utf-8" });
    expect(created.status).toBe(201);
    const imported = (await created.json()) as { id: string; status: string; mapping: Record<string, number>; fileName: string };
    expect(imported).toMatchObject({ status: "UPLOADED", fileName: "pos.csv", mapping: { externalId: 0, displayName: 1, emails: 2 } });
    const q = { tenant: tenant.slug, id: imported.id };

    const { GET: getOne } = await routes.one();
    expect((await call(getOne, "GET", `/customer-imports/${imported.id}`, { tenant: other.tenant.slug, id: imported.id }, foreign.secret)).status).toBe(404);
    const { POST: check } = await routes.check();
    const json = (body: unknown) => ({ body: JSON.stringify(body), type: "application/json" });
    const checking = await call(check, "POST", `/customer-imports/${imported.id}/check`, q, secret, json({ mapping: imported.mapping }));
    expect(checking.status).toBe(202);
    expect(((await checking.json()) as { status: string }).status).toBe("CHECKING");
    await runCustomerImport(ctx, imported.id, "check");
    const { POST: run } = await routes.run();
    expect(
      (await call(run, "POST", `/customer-imports/${imported.id}/run`, { tenant: other.tenant.slug, id: imported.id }, foreign.secret, json({}))).status,
    ).toBe(404);
    expect((await call(run, "POST", `/customer-imports/${imported.id}/run`, q, secret, json({}))).status).toBe(202);
    await runCustomerImport(ctx, imported.id, "import");
    const done = (await (await call(getOne, "GET", `/customer-imports/${imported.id}`, q, secret)).json()) as Record<string, unknown>;
    expect(done).toMatchObject({ status: "IMPORTED", total: 2, created: 2, updated: 0, unchanged: 0, failed: 0, errors: [] });
    expect(await getDb().customer.count({ where: { tenantId: ctx.tenantId } })).toBe(2);
    expect(await getDb().customer.count({ where: { tenantId: other.ctx.tenantId } })).toBe(0);
  });
});

describe("CSV exports", () => {
  it("exports the customers list with its filters and formulas escaped", async () => {
    const { ctx, tenant } = await createTenantWithMember("OWNER");
    const { secret } = await createApiKey(ctx, { name: "read", scopes: ["customers:read"] });
    const evil = await makeCustomer(ctx, {
      displayName: '=HYPERLINK("http://evil.test","click")',
      emails: ["evil@x.test", "evil2@x.test"],
      externalId: "@SUM(1)",
      lifecycleStage: "LOYAL",
    });
    await makeCustomer(ctx, { displayName: "Plain, with comma\nand newline", emails: ["plain@x.test"] });
    const other = await createTenantWithMember("OWNER");
    await makeCustomer(other.ctx, { displayName: "Not mine", emails: ["theirs@x.test"] });
    const { GET } = await routes.customers();
    const rows = await csvOf(await call(GET, "GET", "/customers/export", { tenant: tenant.slug }, secret));
    expect(rows[0]).toEqual(["External id", "Name", "Emails", "Phone", "Stage", "Notes", "Sentiment", "NPS", "Customer id", "Added (UTC)"]);
    const byId = new Map(rows.slice(1).map((r) => [r[8], r]));
    expect(rows).toHaveLength(3);
    expect(byId.get(evil.id)!.slice(0, 5)).toEqual(["'@SUM(1)", `'=HYPERLINK("http://evil.test","click")`, "evil@x.test evil2@x.test", "", "LOYAL"]);
    expect(rows.flat().join()).toContain("Plain, with comma\nand newline");
    expect(rows.flat().join()).not.toContain("Not mine");
    // The screen's filter: only the loyal one.
    const loyal = await csvOf(await call(GET, "GET", "/customers/export?stage=LOYAL", { tenant: tenant.slug }, secret));
    expect(loyal.slice(1).map((r) => r[8])).toEqual([evil.id]);
  });

  it("exports mentions and redemptions with their filters and the public's words escaped", async () => {
    const { ctx, tenant } = await createTenantWithMember("OWNER");
    const { secret } = await createApiKey(ctx, { name: "read", scopes: ["mentions:read", "rewards:read"] });
    const customer = await makeCustomer(ctx, { displayName: "+Plus Person" });
    await mention(ctx, customer.id, "=cmd|' /C calc'!A0", "PROMOTER");
    await mention(ctx, null, "just a post", "DETRACTOR");
    const { GET: mentionsCsv } = await routes.mentions();
    const all = await csvOf(await call(mentionsCsv, "GET", "/mentions/export", { tenant: tenant.slug }, secret));
    expect(
      all
        .slice(1)
        .map((r) => r[5])
        .sort(),
    ).toEqual(["'=cmd|' /C calc'!A0", "just a post"]);
    const promoters = await csvOf(await call(mentionsCsv, "GET", "/mentions/export?sentiment=PROMOTER", { tenant: tenant.slug }, secret));
    expect(promoters.slice(1).map((r) => [r[5], r[7], r[10]])).toEqual([["'=cmd|' /C calc'!A0", "PROMOTER", "'+Plus Person"]]);

    const reward = await createReward(ctx, { name: "-Mug", cost: 10 });
    await adjustPoints(ctx, { customerId: customer.id, amount: 30, reason: "seed", idempotencyKey: "export-seed" });
    await redeemReward(ctx, { customerId: customer.id, rewardId: reward.id, idempotencyKey: "export-r1" });
    const { GET: redemptionsCsv } = await routes.redemptions();
    const redemptions = await csvOf(await call(redemptionsCsv, "GET", "/redemptions/export", { tenant: tenant.slug }, secret));
    expect(redemptions.slice(1).map((r) => [r[4], r[5], r[7]])).toEqual([["'-Mug", "10", "'+Plus Person"]]);
    const cancelled = await csvOf(await call(redemptionsCsv, "GET", "/redemptions/export?status=CANCELLED", { tenant: tenant.slug }, secret));
    expect(cancelled).toHaveLength(1);

    const other = await createTenantWithMember("OWNER");
    const foreign = await createApiKey(other.ctx, { name: "theirs", scopes: ["mentions:read", "rewards:read"] });
    expect((await call(mentionsCsv, "GET", "/mentions/export", { tenant: tenant.slug }, foreign.secret)).status).toBe(404);
    expect((await call(redemptionsCsv, "GET", "/redemptions/export", { tenant: tenant.slug }, foreign.secret)).status).toBe(404);
  });
});

let seq = 0;
async function mention(ctx: TenantContext, customerId: string | null, text: string, label: string): Promise<void> {
  const n = ++seq;
  await getDb().$executeRaw`
    INSERT INTO "Mention" ("tenantId", network, "externalId", "customerId", "authorExternalId", "authorHandle", "authorFollowers",
                           text, "postedAt", "sentimentScore", "sentimentLabel", status, "updatedAt")
    VALUES (${ctx.tenantId}, 'TWITTER', ${`export-${n}`}, ${customerId}, ${`author-${n}`}, ${`author_${n}`}, 10, ${text}, now(), 0.5,
            ${label}::"SentimentLabel", 'CREDITED', now())`;
}
