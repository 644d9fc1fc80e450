// Bad input through the real entry points (route handlers, server actions, the Foursquare push):
// every answer is a 4xx with a field path, never a 500. Only the next-auth session lookup is
// replaced by the signed-in user of each test, as in tests/integration/listening/routes.test.ts.
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "../../src/server/http/session";
import { addMember, createTenantWithMember, makeCustomer } from "../integration/support/factories";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("../../src/server/http/session", () => ({ getSessionUser: async () => session.user }));

const customers = await import("../../src/app/api/v1/tenants/[tenant]/customers/route");
const customer = await import("../../src/app/api/v1/tenants/[tenant]/customers/[id]/route");
const campaigns = await import("../../src/app/api/v1/tenants/[tenant]/campaigns/route");
const campaign = await import("../../src/app/api/v1/tenants/[tenant]/campaigns/[id]/route");
const rules = await import("../../src/app/api/v1/tenants/[tenant]/rules/route");
const rule = await import("../../src/app/api/v1/tenants/[tenant]/rules/[id]/route");
const segments = await import("../../src/app/api/v1/tenants/[tenant]/segments/route");
const segment = await import("../../src/app/api/v1/tenants/[tenant]/segments/[id]/route");
const sources = await import("../../src/app/api/v1/tenants/[tenant]/sources/route");
const source = await import("../../src/app/api/v1/tenants/[tenant]/sources/[id]/route");
const channel = await import("../../src/app/api/v1/tenants/[tenant]/channels/[network]/route");
const mentions = await import("../../src/app/api/v1/tenants/[tenant]/mentions/route");
const disqualify = await import("../../src/app/api/v1/tenants/[tenant]/mentions/[id]/disqualify/route");
const push = await import("../../src/app/api/webhooks/foursquare/[tenant]/route");
const { createCustomerAction } = await import("../../src/app/t/[tenant]/customers/actions");
const { createSourceAction } = await import("../../src/app/t/[tenant]/settings/listening/actions");
const { signUpAction } = await import("../../src/app/(auth)/signup/actions");
const { IDLE } = await import("../../src/server/http/action-state");
const { saveChannelConnection } = await import("../../src/server/modules/channels/channel.service");
const { getEnv } = await import("../../src/server/env");

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface Answer {
  status: number;
  type: string;
  allow: string | null;
  json: { errors?: { path: string; message: string }[]; status?: number; title?: string } | null;
}

/** Hostile strings: each must be refused wherever a string is accepted. */
const CORPUS: Record<string, string> = {
  NUL: "Ann\u0000Smith",
  "lone high surrogate": "Ann \ud800",
  "lone low surrogate": "\udc00 Ann",
  "reversed surrogate pair": "\udc00\ud800",
  BEL: "Ann\u0007",
  "vertical tab": "Ann\u000bSmith",
  ESC: "\u001b[31mAnn",
  "unit separator": "Ann\u001f",
};

async function call(
  handler: Handler,
  method: string,
  path: string,
  params: Record<string, string>,
  body?: unknown,
  init: { raw?: string; type?: string } = {},
): Promise<Answer> {
  const origin = new URL(getEnv().APP_URL).origin;
  const text = init.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  const request = new NextRequest(`${origin}${path}`, {
    method,
    headers: { origin, ...(text === undefined ? {} : { "content-type": init.type ?? "application/json" }) },
    ...(text === undefined ? {} : { body: text }),
  });
  const response = await handler(request, { params: Promise.resolve(params) });
  const answer = await response.text();
  let json: Answer["json"] = null;
  try {
    json = answer ? JSON.parse(answer) : null;
  } catch {
    json = null;
  }
  return { status: response.status, type: response.headers.get("content-type") ?? "", allow: response.headers.get("allow"), json };
}

/** The contract of every refusal: a 4xx problem+json; a 422 names the fields. */
function expectRefused(answer: Answer, status: number, path?: string) {
  expect(answer.status, JSON.stringify(answer.json)).toBe(status);
  expect(answer.type).toBe("application/problem+json");
  expect(answer.json?.status).toBe(status);
  if (path !== undefined) expect(answer.json?.errors?.map((e) => e.path)).toContain(path);
}

async function signedIn(role: "OWNER" | "ADMIN" | "MARKETER" | "VIEWER" = "OWNER") {
  const member = await createTenantWithMember(role);
  session.user = { id: member.user.id, email: member.user.email, name: member.user.name };
  return member;
}

beforeEach(() => {
  session.user = null;
});

describe("hostile strings in JSON bodies answer 422 with the field path", () => {
  it.each(Object.entries(CORPUS))("%s, in every resource's body", async (_name, bad) => {
    const { ctx } = await signedIn("OWNER");
    const t = ctx.tenantSlug;
    const base = `/api/v1/tenants/${t}`;
    const existing = await makeCustomer(ctx);
    const hour = 3_600_000;
    const cases: [Handler, string, string, Record<string, string>, unknown, string][] = [
      [customers.POST, "POST", `${base}/customers`, {}, { displayName: bad, emails: ["a@example.test"] }, "displayName"],
      [customers.POST, "POST", `${base}/customers`, {}, { displayName: "Ann", emails: ["a@example.test", bad] }, "emails.1"],
      [customer.PATCH, "PATCH", `${base}/customers/${existing.id}`, { id: existing.id }, { notes: bad }, "notes"],
      [
        campaigns.POST,
        "POST",
        `${base}/campaigns`,
        {},
        { name: bad, startsAt: new Date(Date.now() - hour), endsAt: new Date(Date.now() + hour), multiplier: 2 },
        "name",
      ],
      [campaign.PATCH, "PATCH", `${base}/campaigns/cmp_x`, { id: "cmp_x" }, { name: bad }, "name"],
      [rules.POST, "POST", `${base}/rules`, {}, { network: "TWITTER", action: "MENTION", name: bad, basePoints: 10, influenceCurve: "NONE" }, "name"],
      [rule.PATCH, "PATCH", `${base}/rules/rul_x`, { id: "rul_x" }, { name: bad }, "name"],
      [segments.POST, "POST", `${base}/segments`, {}, { name: bad, filter: { lifecycleStages: ["LOYAL"] } }, "name"],
      [segment.PATCH, "PATCH", `${base}/segments/seg_x`, { id: "seg_x" }, { name: bad }, "name"],
      [sources.POST, "POST", `${base}/sources`, {}, { network: "TWITTER", kind: "KEYWORD", value: bad }, "value"],
      [source.PATCH, "PATCH", `${base}/sources/src_x`, { id: "src_x" }, { value: bad }, "value"],
      [
        channel.PUT,
        "PUT",
        `${base}/channels/twitter`,
        { network: "twitter" },
        { credentials: { kind: "bearer", bearerToken: bad } },
        "credentials.bearerToken",
      ],
      [channel.PATCH, "PATCH", `${base}/channels/twitter`, { network: "twitter" }, { enabled: true, [bad]: 1 }, ""],
      [disqualify.POST, "POST", `${base}/mentions/men_x/disqualify`, { id: "men_x" }, { reason: bad }, "reason"],
    ];
    for (const [handler, method, path, params, body, field] of cases) {
      const answer = await call(handler, method, path, { tenant: t, ...params }, body);
      expectRefused(answer, 422);
      // a refused field name is shown with the offending characters replaced, never echoed
      const paths = answer.json?.errors?.map((e) => e.path) ?? [];
      if (field) expect(paths, `${method} ${path}`).toContain(field);
      else expect(paths.join(" ")).not.toMatch(/[\u0000-\u001f]/);
    }
  });
});

describe("hostile query strings and path parameters answer 422 with the parameter's name", () => {
  it("?q=%00 and friends on every list, ?label= on a channel, and an [id] holding a NUL", async () => {
    const { ctx } = await signedIn("OWNER");
    const base = `/api/v1/tenants/${ctx.tenantSlug}`;
    const p = { tenant: ctx.tenantSlug };
    expectRefused(await call(customers.GET, "GET", `${base}/customers?q=%00`, p), 422, "q");
    // (a lone surrogate cannot arrive in a URL: percent-decoding turns invalid UTF-8 into U+FFFD)
    expectRefused(await call(customers.GET, "GET", `${base}/customers?q=%1B`, p), 422, "q");
    expectRefused(await call(mentions.GET, "GET", `${base}/mentions?customerId=%00`, p), 422, "customerId");
    expectRefused(await call(channel.GET, "GET", `${base}/channels/twitter?label=a%00`, { ...p, network: "twitter" }), 422, "label");
    expectRefused(await call(customer.GET, "GET", `${base}/customers/%00`, { ...p, id: "\u0000" }), 422, "id");
    expectRefused(await call(customer.DELETE, "DELETE", `${base}/customers/%00`, { ...p, id: "a\u0000" }), 422, "id");
    // tab, CR and LF stay allowed in free text
    const ok = await call(customers.POST, "POST", `${base}/customers`, p, {
      displayName: "Ann",
      emails: ["ann@example.test"],
      notes: "line one\r\n\tline two",
    });
    expect(ok.status).toBe(201);
  });
});

describe("other malformed bodies answer 4xx, never 500", () => {
  it("wrong types, overlong strings, unknown fields, deep nesting, huge and non-JSON bodies", async () => {
    const { ctx } = await signedIn("OWNER");
    const path = `/api/v1/tenants/${ctx.tenantSlug}/customers`;
    const p = { tenant: ctx.tenantSlug };
    const post = (body: unknown, init?: { raw?: string; type?: string }) => call(customers.POST, "POST", path, p, body, init);
    expectRefused(await post({ displayName: 5, emails: "a@example.test" }), 422, "displayName");
    expectRefused(await post({ displayName: ["Ann"], emails: [{}] }), 422, "emails.0");
    expectRefused(await post({ displayName: "A".repeat(50_000), emails: [] }), 422, "displayName");
    expectRefused(await post({ displayName: "Ann", emails: [], role: "admin" }), 422, "role");
    expectRefused(await post(null), 422);
    expectRefused(await post([1, 2, 3]), 422);
    const deep = `${'{"a":'.repeat(5_000)}"x"${"}".repeat(5_000)}`;
    expectRefused(
      await post(undefined, { raw: `{"displayName":"Ann","emails":[],"notes":${deep}}` }),
      422,
      ["notes", ...Array<string>(31).fill("a")].join("."),
    );
    const deepArray = `${"[".repeat(50_000)}${"]".repeat(50_000)}`;
    const nested = await post(undefined, { raw: `{"displayName":"Ann","emails":${deepArray}}` });
    expectRefused(nested, 422);
    expect(nested.json?.errors?.[0]?.path).toMatch(/^emails(\.0)+$/);
    expectRefused(await post(undefined, { raw: JSON.stringify({ displayName: "x".repeat(1_100_000), emails: [] }) }), 413);
    expectRefused(await post(undefined, { raw: "{not json" }), 400);
    expectRefused(await post(undefined, { raw: "displayName=Ann", type: "application/x-www-form-urlencoded" }), 415);
    expectRefused(await post(undefined, { raw: "\u0000" }), 400);
  });
});

describe("405: every route file answers every method it does not serve", () => {
  const root = join(import.meta.dirname, "../../src/app");
  const routeFiles = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) return routeFiles(full);
      return name === "route.ts" ? [full] : [];
    });
  const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

  it.each(routeFiles(root).map((file) => [relative(root, file), file]))("%s", async (_name, file) => {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of METHODS) expect(typeof mod[method], `${method} is exported`).toBe("function");
    const options = await (mod.OPTIONS as (r: Request) => Promise<Response> | Response)(new NextRequest("http://app.test/x", { method: "OPTIONS" }));
    expect(options.status).toBe(204);
    const allow = options.headers.get("allow")!.split(", ");
    expect(allow).toContain("OPTIONS");
    for (const method of METHODS) {
      if (allow.includes(method)) continue;
      const answer = await call(mod[method] as Handler, method, "/x", {});
      expectRefused(answer, 405);
      expect(answer.allow).toBe(allow.join(", "));
      expect(answer.json?.title).toBe("Method not allowed");
    }
    expect(allow.filter((m) => m !== "OPTIONS" && m !== "HEAD").length).toBeGreaterThan(0);
  });
});

describe("server actions: a refused field names it, a payload that is not a form is a 404", () => {
  const form = (fields: Record<string, string | string[]>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(name, v);
    return data;
  };

  // FormData holds USVStrings: a lone surrogate becomes U+FFFD on the way in, so a form cannot carry one.
  const FORM_CORPUS = Object.entries(CORPUS).filter(([, value]) => value.isWellFormed());

  it.each(FORM_CORPUS)("%s in a tenant action and in sign-up", async (_name, bad) => {
    const { ctx } = await signedIn("OWNER");
    const created = await createCustomerAction(IDLE, form({ tenant: ctx.tenantSlug, displayName: bad, emails: "a@example.test" }));
    expect(created).toMatchObject({ status: "error", fieldErrors: { displayName: expect.any(String) } });
    const source = await createSourceAction(IDLE, form({ tenant: ctx.tenantSlug, network: "TWITTER", kind: "KEYWORD", value: bad }));
    expect(source).toMatchObject({ status: "error", fieldErrors: { value: expect.any(String) } });
    session.user = null;
    const signUp = await signUpAction(form({ name: bad, email: `x-${Date.now()}@example.test`, password: "a long enough password", companyName: "Brand" }));
    expect(signUp).toMatchObject({ status: "error", fieldErrors: { name: expect.any(String) } });
  });

  it("an action handed something other than FormData raises notFound (404), not a 500", async () => {
    await signedIn("OWNER");
    for (const payload of [5, "x", null, { tenant: "t" }, [1]]) {
      await expect(createCustomerAction(IDLE, payload as unknown as FormData)).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
      await expect(signUpAction(payload as unknown as FormData)).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
    }
  });
});

describe("the Foursquare push refuses a NUL before it is queued", () => {
  it("answers 422 with the field path", async () => {
    const { ctx } = await signedIn("ADMIN");
    const secret = "bad-input-push-secret";
    await saveChannelConnection(ctx, {
      network: "FOURSQUARE",
      credentials: { clientId: "bad-input-client", clientSecret: "bad-input-client-secret", pushSecret: secret },
    } as never);
    session.user = null;
    const checkin = {
      id: "chk1",
      createdAt: Math.floor(Date.now() / 1000),
      type: "checkin",
      shout: "hi\u0000",
      venue: { id: "v1", name: "Venue" },
      user: { id: "u1" },
    };
    const body = new URLSearchParams({ secret, checkin: JSON.stringify(checkin) }).toString();
    const answer = await call(push.POST as Handler, "POST", `/api/webhooks/foursquare/${ctx.tenantSlug}`, { tenant: ctx.tenantSlug }, undefined, {
      raw: body,
      type: "application/x-www-form-urlencoded",
    });
    expectRefused(answer, 422, "checkin.shout");
  });
});

describe("a viewer cannot write, whatever the input", () => {
  it("the permission answer comes before the input check", async () => {
    const { ctx } = await signedIn("OWNER");
    const viewer = await addMember(ctx, "VIEWER");
    session.user = { id: viewer.user.id, email: viewer.user.email, name: viewer.user.name };
    const answer = await call(customers.POST, "POST", `/api/v1/tenants/${ctx.tenantSlug}/customers`, { tenant: ctx.tenantSlug }, { displayName: "\u0000" });
    expectRefused(answer, 403);
  });
});
