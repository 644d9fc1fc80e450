import { expect, test } from "@playwright/test";
import { createMember } from "./support/db";
import { signIn, signUp } from "./support/session";

test("the customers API: contracts, errors as problem+json, roles and CSRF", async ({ page, browser, baseURL, playwright }) => {
  const account = await signUp(page, "Api");
  const base = `/api/v1/tenants/${account.slug}/customers`;
  const api = page.request;
  const origin = { Origin: baseURL! };

  const anonymous = await playwright.request.newContext({ baseURL });
  const unauth = await anonymous.get(base);
  expect(unauth.status()).toBe(401);
  expect(await unauth.json()).toMatchObject({ status: 401, title: "Not signed in" });
  await anonymous.dispose();

  const created = await api.post(base, { headers: origin, data: { displayName: "Api Person", emails: ["API@Person.test"], phone: "+44 20 7946 0000" } });
  expect(created.status()).toBe(201);
  const customer = await created.json();
  expect(customer).toMatchObject({ id: expect.stringMatching(/^cus_/), emails: [{ email: "api@person.test", isPrimary: true }], lifecycleStage: "CUSTOMER" });
  expect(customer).not.toHaveProperty("tenantId");

  const malformed = await api.post(base, { headers: { ...origin, "content-type": "application/json" }, data: Buffer.from("{not json") });
  expect(malformed.status()).toBe(400);
  expect(malformed.headers()["content-type"]).toBe("application/problem+json");
  expect((await malformed.json()).detail).toBe("the body is not valid JSON");

  const unknown = await api.post(base, { headers: origin, data: { displayName: "X", emails: ["x@x.test"], tenantId: "ten_other" } });
  expect(unknown.status()).toBe(422);
  expect((await unknown.json()).errors).toEqual([{ path: "tenantId", message: "unknown field(s): tenantId" }]);

  const duplicate = await api.post(base, { headers: origin, data: { displayName: "Dup", emails: ["api@person.test"] } });
  expect(duplicate.status()).toBe(409);
  expect((await duplicate.json()).errors[0].path).toBe("emails");

  const badPage = await api.get(`${base}?pageSize=5000`);
  expect(badPage.status()).toBe(422);

  const crossSite = await api.post(base, { headers: { Origin: "https://evil.test" }, data: { displayName: "Csrf", emails: ["csrf@x.test"] } });
  expect(crossSite.status()).toBe(403);
  const noOrigin = await api.delete(`${base}/${customer.id}`);
  expect(noOrigin.status()).toBe(403);

  const patched = await api.patch(`${base}/${customer.id}`, { headers: origin, data: { lifecycleStage: "LOYAL" } });
  expect(patched.status()).toBe(200);
  expect((await patched.json()).lifecycleStage).toBe("LOYAL");

  const list = await api.get(`${base}?q=api&pageSize=10`);
  expect(await list.json()).toMatchObject({ total: 1, page: 1, pageSize: 10, items: [{ id: customer.id }] });

  // A viewer of the same tenant reads but cannot write: 403 with the reason.
  const viewerEmail = await createMember(account.slug, "VIEWER");
  const viewerPage = await browser.newPage();
  await signIn(viewerPage, viewerEmail);
  await viewerPage.waitForURL(`**/t/${account.slug}`);
  expect((await viewerPage.request.get(`${base}/${customer.id}`)).status()).toBe(200);
  const forbidden = await viewerPage.request.post(base, { headers: origin, data: { displayName: "No", emails: ["no@x.test"] } });
  expect(forbidden.status()).toBe(403);
  expect((await forbidden.json()).detail).toMatch(/viewer/);
  const viewerDelete = await viewerPage.request.delete(`${base}/${customer.id}`, { headers: origin });
  expect(viewerDelete.status()).toBe(403);

  const deleted = await api.delete(`${base}/${customer.id}`, { headers: origin });
  expect(await deleted.json()).toEqual({ mode: "deleted" });
  expect((await api.get(`${base}/${customer.id}`)).status()).toBe(404);
});
