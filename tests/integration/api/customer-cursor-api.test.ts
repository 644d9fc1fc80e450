// GET …/customers by cursor: next_cursor walks the list in the order it is sorted by, every sort
// column and direction, page after page, ending with null — the same customers in the same order as
// one big page, none twice or missed, even when keys tie or are missing (id breaks ties; missing
// keys come last) and when customers are added meanwhile. `page` keeps working and answers a
// next_cursor too.
import { beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { createApiKey } from "../../../src/server/modules/api-keys/api-keys.service";
import { CUSTOMER_SORTS } from "../../../src/server/modules/customers/customer.schemas";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { callRoute } from "../support/api-call";
import { createTenantWithMember, makeCustomer } from "../support/factories";

const customersRoute = await import("../../../src/app/api/v1/tenants/[tenant]/customers/route");

let ctx: TenantContext;
let secret: string;
const list = (query: string) => callRoute(customersRoute.GET, "GET", `/tenants/${ctx.tenantSlug}/customers?${query}`, { tenant: ctx.tenantSlug }, secret);
type Page = { items: { id: string }[]; total: number; page: number; next_cursor: string | null };

/** Every page after the first by next_cursor, until it is null. */
async function walk(order: string, pageSize: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const answer = await list(`${order}&pageSize=${pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    const page = answer.json as unknown as Page;
    ids.push(...page.items.map((c) => c.id));
    cursor = page.next_cursor;
    pages++;
    expect(pages).toBeLessThan(50);
  } while (cursor);
  return { ids, pages };
}

beforeAll(async () => {
  ({ ctx } = await createTenantWithMember("OWNER"));
  ({ secret } = await createApiKey(ctx, { name: "Sync", scopes: ["customers:read"] }));
  const names = ["ann", "Ann", "bob", "Cat", "cat", "Dan", "eve", "Fay", "gus"];
  const stages = ["CUSTOMER", "LOYAL", "ADVOCATE"] as const;
  for (const [i, name] of names.entries()) {
    const customer = await makeCustomer(ctx, { displayName: name, emails: [`${name.toLowerCase()}${i}@cursor.test`], lifecycleStage: stages[i % 3] });
    // No email: no key for the email sort.
    if (i % 4 === 3) await getDb().customerEmail.deleteMany({ where: { tenantId: ctx.tenantId, customerId: customer.id } });
    // Some keys missing (null sentiment, NPS, activity) and some tied (points 10 twice).
    if (i % 2 === 0)
      await getDb().customer.updateMany({ where: { tenantId: ctx.tenantId, id: customer.id }, data: { sentimentLabel: "PROMOTER", npsClass: "PASSIVE" } });
    if (i % 3 !== 2) await adjustPoints(ctx, { customerId: customer.id, amount: i < 4 ? 10 : i * 5, reason: "seed", idempotencyKey: `cursor-${i}` });
  }
});

describe("GET …/customers by cursor", () => {
  it("walks every sort and direction in small pages exactly as one big page orders them", async () => {
    for (const sort of CUSTOMER_SORTS) {
      for (const dir of ["asc", "desc"]) {
        const order = `sort=${sort}&dir=${dir}`;
        const whole = (await list(`${order}&pageSize=100`)).json as unknown as Page;
        expect(whole.items).toHaveLength(9);
        expect(whole.next_cursor, order).toBeNull();
        const walked = await walk(order, 2);
        expect(walked.ids, order).toEqual(whole.items.map((c) => c.id));
        expect(walked.pages).toBe(5);
      }
    }
  });

  it("keeps page working (it answers a next_cursor too) and refuses a bad, mixed or foreign-order cursor", async () => {
    const first = (await list("pageSize=4")).json as unknown as Page;
    const second = (await list("pageSize=4&page=2")).json as unknown as Page;
    expect(first).toMatchObject({ total: 9, page: 1 });
    expect(first.next_cursor).toEqual(expect.any(String));
    const byCursor = (await list(`pageSize=4&cursor=${first.next_cursor}`)).json as unknown as Page;
    expect(byCursor.items.map((c) => c.id)).toEqual(second.items.map((c) => c.id));
    expect(((await list("pageSize=4&page=3")).json as unknown as Page).next_cursor).toBeNull();

    for (const bad of ["nonsense", Buffer.from('["added","desc",null,"not-an-id"]').toString("base64url")]) {
      const refused = await list(`cursor=${bad}`);
      expect(refused.status).toBe(422);
      expect(JSON.stringify(refused.json)).toContain("cursor");
    }
    expect((await list(`page=2&cursor=${first.next_cursor}`)).status).toBe(422);
    const otherOrder = await list(`sort=name&cursor=${first.next_cursor}`);
    expect(otherOrder.status).toBe(422);
    expect(JSON.stringify(otherOrder.json)).toContain("sort=added&dir=desc");
  });

  it("neither repeats nor skips a customer when others are added between pages", async () => {
    const first = (await list("pageSize=3")).json as unknown as Page;
    await makeCustomer(ctx, { displayName: "Newcomer" });
    const rest = [] as string[];
    let cursor = first.next_cursor;
    while (cursor) {
      const page = (await list(`pageSize=3&cursor=${cursor}`)).json as unknown as Page;
      rest.push(...page.items.map((c) => c.id));
      cursor = page.next_cursor;
    }
    const seen = [...first.items.map((c) => c.id), ...rest];
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(9);
  });
});
