// The route list and the cross-tenant matrix agree: every route handler method, page and server
// action under src/app has a cross-tenant case or a written reason why it addresses no tenant,
// and no case names an entry point that no longer exists.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ACTION_CASES, API_CASES, CREDENTIAL_CASES, NOT_TENANT_SCOPED, PAGE_CASES, PORTAL_CASES } from "./cross-tenant-matrix";
import { exportedActions, exportedMethods, isServerActionModule, readInventory, urlOf, APP_DIR } from "./support/route-inventory";
import { join } from "node:path";
import { execFileSync } from "node:child_process";

const inventory = readInventory();
const all = [...inventory.routes, ...inventory.pages, ...inventory.actions];

const covered = new Map<string, string>();
for (const key of Object.keys(API_CASES)) covered.set(key, "API_CASES");
for (const key of Object.keys(CREDENTIAL_CASES)) covered.set(key, "CREDENTIAL_CASES");
for (const key of PAGE_CASES) covered.set(key, "PAGE_CASES");
for (const key of Object.keys(ACTION_CASES)) covered.set(key, "ACTION_CASES");
for (const key of Object.keys(PORTAL_CASES)) covered.set(key, "PORTAL_CASES");
for (const key of Object.keys(NOT_TENANT_SCOPED)) covered.set(key, "NOT_TENANT_SCOPED");

describe("route inventory", () => {
  it("reads route handlers, pages and server actions the way Next routes them", () => {
    expect(urlOf(join(APP_DIR, "(auth)", "invite", "[token]", "page.tsx"))).toBe("/invite/[token]");
    expect(urlOf(join(APP_DIR, "page.tsx"))).toBe("/");
    expect(exportedMethods("export const GET = withTenant(x);\nexport async function POST() {}\nexport const dynamic = 1;")).toEqual(["GET", "POST"]);
    expect(exportedMethods("const handler = NextAuth(o);\nexport { handler as GET, handler as POST };")).toEqual(["GET", "POST"]);
    expect(isServerActionModule('// why\n"use server";\nexport async function a() {}')).toBe(true);
    expect(isServerActionModule('import x from "y";\n"use server";')).toBe(false);
    expect(exportedActions("export type S = 1;\nexport const a = t();\nexport async function b() {}\nexport { c as d };")).toEqual(["a", "b", "d"]);
    // The real tree, as a sanity floor: a parser that silently found nothing would pass everything.
    expect(inventory.routes).toContain("PATCH /api/v1/tenants/[tenant]/customers/[id]");
    expect(inventory.pages).toContain("PAGE /t/[tenant]/customers/[id]");
    expect(inventory.actions).toContain("ACTION t/[tenant]/customers/actions.ts#deleteCustomerAction");
    expect(inventory.actions).toContain("ACTION actions/sign-out.ts#signOutAction");
  });

  it("every route, page and server action has a cross-tenant case or a reason it is not tenant-scoped", () => {
    const missing = all.filter((key) => !covered.has(key));
    expect(missing, "add these to tests/security/cross-tenant-matrix.ts (a case, or NOT_TENANT_SCOPED with the reason)").toEqual([]);
  });

  it("the matrix names nothing that no longer exists, and nothing twice", () => {
    const present = new Set(all);
    expect(
      [...covered.keys()].filter((key) => !present.has(key)),
      "stale entries in tests/security/cross-tenant-matrix.ts",
    ).toEqual([]);
    const listed = [
      ...Object.keys(API_CASES),
      ...Object.keys(CREDENTIAL_CASES),
      ...PAGE_CASES,
      ...Object.keys(ACTION_CASES),
      ...Object.keys(PORTAL_CASES),
      ...Object.keys(NOT_TENANT_SCOPED),
    ];
    expect(listed.length, "an entry point is both a case and exempt, or listed twice").toBe(covered.size);
  });

  it("every tenant-addressed entry point is a case, not an exemption", () => {
    // /t/[tenant]/… and /api/v1/tenants/[tenant]/… address one tenant by their URL: they cannot be "not tenant-scoped".
    const exemptButTenant = Object.keys(NOT_TENANT_SCOPED).filter((key) => key.includes("[tenant]"));
    expect(exemptButTenant).toEqual([]);
    // The portal's pages and actions address one brand too: they are portal cases, never exempt.
    const portal = all.filter((key) => /^([A-Z]+ \/r\/\[brand\]|ACTION r\/\[brand\]\/)/.test(key));
    expect(portal.filter((key) => covered.get(key) !== "PORTAL_CASES")).toEqual([]);
    expect(portal.length).toBeGreaterThan(0);
    for (const reason of Object.values(NOT_TENANT_SCOPED)) expect(reason.length).toBeGreaterThan(20);
  });

  it("no server action hides outside a 'use server' module (inline actions would escape the inventory)", () => {
    const hits = execFileSync("grep", ["-rlE", "[\"']use server[\"']", APP_DIR], { encoding: "utf8" }).trim().split("\n").filter(Boolean);
    const inline = hits.filter((file) => !isServerActionModule(readFileSync(file, "utf8")));
    expect(inline, "move inline server actions into an actions.ts module so the matrix sees them").toEqual([]);
  });
});
