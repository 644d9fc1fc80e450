import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { API_SCOPES, scopeFor } from "../../src/server/auth/api-scopes";
import type { Permission } from "../../src/server/auth/permissions";
import { hashEmailedToken } from "../../src/server/crypto/emailed-token";
import { E2E_DATABASE_URL } from "../../playwright.config";
import { signUp, type Account } from "../e2e/support/session";
import { API_CASES, type VictimIds } from "./cross-tenant-matrix";
import { e2eQuery, fillRoute, populateTenant, tenantIdOf } from "./support/e2e-world";
import { snapshotTenant } from "./support/tenant-snapshot";

/**
 * API keys against every tenant route of the matrix (API_CASES), over HTTP against `next start`:
 * another brand's key with every scope answers 404 under B's slug; B's own revoked or expired key
 * answers 401 in the same words as an unknown one; B's own key without the route's scope answers
 * 403. Nothing of B changes (its keys' last use aside). The scope a route needs is read from its
 * `withTenant({ permission })`, so a route added without one fails here.
 */

interface World {
  a: Account;
  b: Account;
  ids: VictimIds;
  names: string[];
  bTenantId: string;
  aKey: string;
  bRevoked: string;
  bExpired: string;
}

let world: World;

async function insertKey(tenantId: string, scopes: readonly string[], state: { revokedAt?: Date; expiresAt?: Date } = {}): Promise<string> {
  const secret = `mgp_${randomBytes(32).toString("base64url")}`;
  await e2eQuery(
    `INSERT INTO "ApiKey" ("tenantId", name, prefix, "keyHash", role, scopes, "revokedAt", "expiresAt") VALUES ($1, 'matrix', $2, $3, 'OWNER', $4, $5, $6)`,
    [tenantId, secret.slice(0, 12), hashEmailedToken(secret), scopes, state.revokedAt ?? null, state.expiresAt ?? null],
  );
  return secret;
}

async function setUp(browser: Browser, origin: string): Promise<World> {
  const bPage = await browser.newPage();
  const b = await signUp(bPage, "KeyVictim");
  const { ids, names } = await populateTenant(bPage.request, origin, b.slug, `KeyVictim${b.slug.slice(-4)}`);
  await bPage.close();
  const aPage = await browser.newPage();
  const a = await signUp(aPage, "KeyAttacker");
  await aPage.close();
  const bTenantId = await tenantIdOf(b.slug);
  return {
    a,
    b,
    ids,
    names: [...names, b.brand],
    bTenantId,
    aKey: await insertKey(await tenantIdOf(a.slug), API_SCOPES),
    bRevoked: await insertKey(bTenantId, API_SCOPES, { revokedAt: new Date(Date.now() - 60_000) }),
    bExpired: await insertKey(bTenantId, API_SCOPES, { expiresAt: new Date(Date.now() - 60_000) }),
  };
}

test.beforeAll(async ({ browser, baseURL }) => {
  world = await setUp(browser, baseURL!);
});

/** The permission the route's handler for `method` names in its withTenant guard. */
function permissionOf(method: string, route: string): Permission {
  const source = readFileSync(`src/app${route}/route.ts`, "utf8");
  const match = new RegExp(`export const ${method} = withTenant\\(\\s*\\{\\s*permission:\\s*"([a-z:]+)"`).exec(source);
  if (!match) throw new Error(`${method} ${route}: no withTenant({ permission }) guard found`);
  return match[1] as Permission;
}

async function call(api: APIRequestContext, method: string, url: string, key: string, body?: unknown) {
  const response = await api.fetch(url, { method, headers: { authorization: `Bearer ${key}` }, ...(body === undefined ? {} : { data: body }) });
  return { status: response.status(), type: response.headers()["content-type"], text: await response.text() };
}

test("every tenant API route refuses another brand's key (404), a revoked or expired key (401) and a key without its scope (403)", async ({
  playwright,
  baseURL,
}) => {
  const { b, ids, bTenantId } = world;
  const api = await playwright.request.newContext({ baseURL });
  const before = await snapshotTenant(E2E_DATABASE_URL, bTenantId);
  const unknownKey = `mgp_${randomBytes(32).toString("base64url")}`;
  const outOfScopeKeys = new Map<string, string>();
  let routes = 0;

  for (const [caseKey, testCase] of Object.entries(API_CASES)) {
    const [method, route] = caseKey.split(" ") as [string, string];
    const url = fillRoute(route, b.slug, ids);
    const body = testCase.body?.(ids);
    const needed = scopeFor(permissionOf(method, route));
    expect(needed, `${caseKey}: its permission has an API scope`).not.toBeNull();
    routes++;

    const foreign = await call(api, method, url, world.aKey, body);
    expect.soft(foreign.status, `${method} ${url} with A's key`).toBe(404);
    expect.soft(foreign.type, `${method} ${url} with A's key`).toBe("application/problem+json");
    for (const name of world.names) expect.soft(foreign.text, `${method} ${url} shows B's "${name}"`).not.toContain(name);

    const unknown = await call(api, method, url, unknownKey, body);
    expect.soft(unknown.status, `${method} ${url} with an unknown key`).toBe(401);
    for (const [label, key] of [
      ["revoked", world.bRevoked],
      ["expired", world.bExpired],
    ] as const) {
      const refused = await call(api, method, url, key, body);
      expect.soft(refused.status, `${method} ${url} with B's ${label} key`).toBe(401);
      expect.soft(refused.text, `${method} ${url}: a ${label} key reads like an unknown one`).toBe(unknown.text);
    }

    // B's own key with every scope but the route's group (read and write alike).
    const group = needed!.split(":")[0]!;
    if (!outOfScopeKeys.has(group)) {
      outOfScopeKeys.set(
        group,
        await insertKey(
          bTenantId,
          API_SCOPES.filter((s) => !s.startsWith(`${group}:`)),
        ),
      );
    }
    const outOfScope = await call(api, method, url, outOfScopeKeys.get(group)!, body);
    expect.soft(outOfScope.status, `${method} ${url} with B's key lacking ${needed}`).toBe(403);
    expect.soft(outOfScope.type, `${method} ${url} with B's key lacking ${needed}`).toBe("application/problem+json");
  }
  expect(routes).toBeGreaterThan(40);
  await api.dispose();

  // Nothing of B changed; only its keys' rows (the out-of-scope keys were added, their last use stamped) may differ.
  const after = await snapshotTenant(E2E_DATABASE_URL, bTenantId);
  delete (before as Record<string, unknown>).ApiKey;
  delete (after as Record<string, unknown>).ApiKey;
  expect(after, "tenant B's rows changed").toEqual(before);
});
