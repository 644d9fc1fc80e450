// Bad input against `next start`: the answers Next itself gives (server actions, 405s, pages)
// are 4xx with the right status, never a 500 or a 200 that only says "no".
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { createMember } from "../e2e/support/db";
import { signIn, signUp } from "../e2e/support/session";

/** The id Next gave a server action in this build (the page's forms post it in Next-Action). */
function actionId(name: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, action]) => action.exportedName === name);
  if (!found) throw new Error(`no server action named ${name} in this build`);
  return found[0];
}

const problem = async (response: Awaited<ReturnType<APIRequestContext["post"]>>) => {
  expect(response.headers()["content-type"]).toBe("application/problem+json");
  return (await response.json()) as { status: number; title: string; errors?: { path: string }[] };
};

test("?q=%00 on the customers page and API is refused, not a 500", async ({ page, baseURL }) => {
  const account = await signUp(page, "BadQuery");
  const shown = await page.goto(`/t/${account.slug}/customers?q=%00`);
  expect(shown?.status()).toBe(200);
  await expect(page.getByText("Some filters in the address were not valid and were ignored.")).toBeVisible();

  const api = await page.request.get(`/api/v1/tenants/${account.slug}/customers?q=%00`);
  expect(api.status()).toBe(422);
  expect((await problem(api)).errors?.map((e) => e.path)).toEqual(["q"]);

  const body = await page.request.post(`/api/v1/tenants/${account.slug}/customers`, {
    headers: { Origin: baseURL!, "content-type": "application/json" },
    data: Buffer.from('{"displayName":"Ann\\u0000","emails":["a@example.test","\\ud800"]}'),
  });
  expect(body.status()).toBe(422);
  expect((await problem(body)).errors?.map((e) => e.path).sort()).toEqual(["displayName", "emails.1"]);
});

test("server actions: a foreign Origin is 403 and a malformed payload is 4xx", async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  const signUpAction = actionId("signUpAction");
  const post = (headers: Record<string, string>, data: string | Buffer) =>
    api.post("/signup", { headers: { "next-action": signUpAction, ...headers }, data, maxRedirects: 0 });
  const text = { Origin: baseURL!, "content-type": "text/plain;charset=UTF-8" };

  const foreign = await post({ ...text, Origin: "https://evil.example" }, "[{}]");
  expect(foreign.status()).toBe(403);
  expect(await problem(foreign)).toMatchObject({ status: 403, title: "Forbidden" });

  const noJsForm = await api.post("/signup", {
    headers: { Origin: "https://evil.example" },
    multipart: { [`$ACTION_ID_${signUpAction}`]: "", name: "x" },
    maxRedirects: 0,
  });
  expect(noJsForm.status()).toBe(403);

  const answers = {
    garbageText: await post(text, "garbage{{"),
    notAnArgumentList: await post(text, '{"a":1}'),
    garbageMultipart: await post({ Origin: baseURL!, "content-type": "multipart/form-data; boundary=xyz" }, "garbage"),
    jsonContentType: await post({ Origin: baseURL!, "content-type": "application/json" }, '{"x":1}'),
    notAForm: await post(text, "[5]"),
    unknownAction: await api.post("/signup", { headers: { ...text, "next-action": `40${"a".repeat(40)}` }, data: "[]" }),
    invalidActionId: await api.post("/signup", { headers: { ...text, "next-action": "zzz" }, data: "[]" }),
  };
  for (const [name, response] of Object.entries(answers)) {
    expect(response.status(), name).toBeGreaterThanOrEqual(400);
    expect(response.status(), name).toBeLessThan(500);
  }
  await api.dispose();
});

test("405 carries Allow and the problem+json body", async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  const put = await api.put("/api/v1/tenants/any-brand/customers", { data: {} });
  expect(put.status()).toBe(405);
  expect(put.headers()["allow"]).toBe("GET, HEAD, OPTIONS, POST");
  expect(await problem(put)).toMatchObject({ status: 405, title: "Method not allowed" });
  const options = await api.fetch("/api/v1/tenants/any-brand/customers", { method: "OPTIONS" });
  expect(options.status()).toBe(204);
  expect(options.headers()["allow"]).toBe("GET, HEAD, OPTIONS, POST");
  const get = await api.get("/api/webhooks/foursquare/any-brand");
  expect(get.status()).toBe(405);
  expect(get.headers()["allow"]).toBe("OPTIONS, POST");
  await api.dispose();
});

test("a viewer opening pages their role may not use gets a 403 status and a helpful page", async ({ page, browser }) => {
  const account = await signUp(page, "Viewer403");
  const viewerEmail = await createMember(account.slug, "VIEWER");
  const viewer = await browser.newPage();
  await signIn(viewer, viewerEmail);
  await viewer.waitForURL(`**/t/${account.slug}`);
  for (const path of ["settings/rules/new", "customers/new", "campaigns/new", "segments/new"]) {
    const response = await viewer.goto(`/t/${account.slug}/${path}`);
    expect(response?.status(), path).toBe(403);
    await expect(viewer.getByRole("heading", { name: "You cannot open this page" })).toBeVisible();
  }
  // pages the role may read are unchanged
  expect((await viewer.goto(`/t/${account.slug}/settings/rules`))?.status()).toBe(200);
  await viewer.close();
});
