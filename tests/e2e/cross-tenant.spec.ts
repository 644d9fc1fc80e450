import { expect, test } from "@playwright/test";
import { signUp } from "./support/session";

/**
 * A member of tenant A tries every customer resource of tenant B: pages and API, by B's ids
 * under A's slug and under B's slug. Every attempt answers 404 and B's data is unchanged.
 */
test("a member of one tenant gets 404 for another tenant's customer everywhere", async ({ browser, baseURL }) => {
  const bPage = await browser.newPage();
  const b = await signUp(bPage, "Victim");
  const created = await bPage.request.post(`/api/v1/tenants/${b.slug}/customers`, {
    headers: { Origin: baseURL! },
    data: { displayName: "Secret Customer", emails: ["secret@victim.test"] },
  });
  expect(created.status()).toBe(201);
  const secret = (await created.json()) as { id: string };

  const aPage = await browser.newPage();
  const a = await signUp(aPage, "Attacker");
  const origin = { Origin: baseURL! };

  for (const path of [
    `/t/${a.slug}/customers/${secret.id}`,
    `/t/${a.slug}/customers/${secret.id}/edit`,
    `/t/${b.slug}/customers/${secret.id}`,
    `/t/${b.slug}/customers`,
    `/t/${b.slug}`,
  ]) {
    const response = await aPage.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(aPage.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(aPage.getByText("Secret Customer")).toHaveCount(0);
  }

  const api = aPage.request;
  const attempts = [
    api.get(`/api/v1/tenants/${a.slug}/customers/${secret.id}`),
    api.patch(`/api/v1/tenants/${a.slug}/customers/${secret.id}`, { headers: origin, data: { displayName: "pwned" } }),
    api.delete(`/api/v1/tenants/${a.slug}/customers/${secret.id}`, { headers: origin }),
    api.get(`/api/v1/tenants/${b.slug}/customers`),
    api.get(`/api/v1/tenants/${b.slug}/customers/${secret.id}`),
    api.patch(`/api/v1/tenants/${b.slug}/customers/${secret.id}`, { headers: origin, data: { displayName: "pwned" } }),
    api.delete(`/api/v1/tenants/${b.slug}/customers/${secret.id}`, { headers: origin }),
    api.post(`/api/v1/tenants/${b.slug}/customers`, { headers: origin, data: { displayName: "Plant", emails: ["plant@x.test"] } }),
  ];
  for (const response of await Promise.all(attempts)) {
    expect(response.status(), response.url()).toBe(404);
    expect(response.headers()["content-type"]).toBe("application/problem+json");
    expect(await response.text()).not.toContain("Secret Customer");
  }
  // A's own list does not contain it either.
  const own = await api.get(`/api/v1/tenants/${a.slug}/customers?q=secret`);
  expect((await own.json()).total).toBe(0);

  const after = await bPage.request.get(`/api/v1/tenants/${b.slug}/customers/${secret.id}`);
  expect(await after.json()).toMatchObject({ displayName: "Secret Customer", emails: [{ email: "secret@victim.test", isPrimary: true }] });
  const list = await bPage.request.get(`/api/v1/tenants/${b.slug}/customers`);
  expect((await list.json()).total).toBe(1);
});
