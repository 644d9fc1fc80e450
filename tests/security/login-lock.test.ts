import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { hashPassword } from "../../src/server/auth/password";
import { unsafeCrossTenantDb } from "../../src/server/db/client";
import { getEnv, resetEnvCache } from "../../src/server/env";
import { getAuthOptions } from "../../src/server/http/auth-options";
import { resetTrustedProxies } from "../../src/server/http/client-ip";
import { installPeerAddressStamp } from "../../src/server/http/peer-address";
import { startWorkers, type RunningWorkers } from "../../src/workers/start-workers";
import { createTenantWithMember } from "../integration/support/factories";

/**
 * Sign-in attempts go through the real next-auth `authorize` callback, called from a real
 * http.Server carrying the process's peer stamp, with the request's headers as a plain record
 * (the shape next-auth hands the callback in the App Router). The peer is always 127.0.0.1.
 */
const PASSWORD = "correct horse battery staple";

type Outcome = "ok" | "wrong" | "locked";

let server: http.Server;
let workers: RunningWorkers;

function authorize(credentials: Record<string, string>, headers: Record<string, unknown>) {
  const provider = getAuthOptions().providers[0] as unknown as {
    options: { authorize(c: Record<string, string>, r: { headers: Record<string, unknown> }): Promise<unknown> };
  };
  return provider.options.authorize(credentials, { headers });
}

async function attempt(email: string, password: string, xff?: string): Promise<Outcome> {
  const { port } = server.address() as AddressInfo;
  const response = await fetch(`http://127.0.0.1:${port}/`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(xff ? { "x-forwarded-for": xff } : {}) },
    body: JSON.stringify({ email, password }),
  });
  return (await response.text()) as Outcome;
}

function configure(vars: Record<string, string>) {
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
  resetEnvCache();
  resetTrustedProxies();
}

async function owner() {
  const { user, tenant } = await createTenantWithMember("OWNER");
  await unsafeCrossTenantDb().user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(PASSWORD) } });
  return { email: user.email, userId: user.id, tenantId: tenant.id };
}

async function mailsTo(email: string, settleMs = 1_500) {
  const deadline = Date.now() + 10_000;
  let rows = await unsafeCrossTenantDb().mailMessage.findMany({ where: { toEmail: email } });
  while (rows.length === 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    rows = await unsafeCrossTenantDb().mailMessage.findMany({ where: { toEmail: email } });
  }
  // A second notice would be queued right after the first: give it time to show up.
  await new Promise((r) => setTimeout(r, settleMs));
  return unsafeCrossTenantDb().mailMessage.findMany({ where: { toEmail: email } });
}

beforeAll(async () => {
  installPeerAddressStamp();
  workers = startWorkers({ concurrency: 2 });
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      authorize(JSON.parse(body) as Record<string, string>, { ...req.headers })
        .then((user) => res.end(user ? "ok" : "wrong"))
        .catch((error: Error) => res.end(error.message === "RATE_LIMITED" ? "locked" : `error: ${error.message}`));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await workers.close();
});

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
  resetTrustedProxies();
});

describe("the sign-in lock", () => {
  it("is not reset by a rotating X-Forwarded-For from an untrusted peer", async () => {
    configure({ TRUSTED_PROXIES: "", LOGIN_MAX_FAILURES: "5", LOGIN_ACCOUNT_MAX_FAILURES: "50" });
    const { email } = await owner();
    for (let i = 1; i <= 5; i++) expect(await attempt(email, `wrong guess ${i}`, `203.0.113.${i}`)).toBe("wrong");
    expect(await attempt(email, PASSWORD, "203.0.113.77")).toBe("locked");
    expect(await attempt(email, "wrong guess 6", "198.51.100.1, 203.0.113.78")).toBe("locked");
  });

  it("with TRUSTED_PROXIES, keys on the right-most hop the proxy added, not on what the client prepended", async () => {
    configure({ TRUSTED_PROXIES: "127.0.0.1", LOGIN_MAX_FAILURES: "5", LOGIN_ACCOUNT_MAX_FAILURES: "50" });
    const { email } = await owner();
    // The client rotates the left part; the proxy appends the address it really saw.
    for (let i = 1; i <= 5; i++) expect(await attempt(email, `wrong guess ${i}`, `10.66.0.${i}, 198.51.100.20`)).toBe("wrong");
    expect(await attempt(email, PASSWORD, "10.66.0.99, 198.51.100.20")).toBe("locked");
    // Another client behind the same proxy is not locked out by that one.
    expect(await attempt(email, PASSWORD, "198.51.100.21")).toBe("ok");
  });

  it("locks the account across 20 different IPs, refuses even the right password, and tells the owner once", async () => {
    const max = 20;
    configure({ TRUSTED_PROXIES: "127.0.0.1", LOGIN_MAX_FAILURES: "5", LOGIN_ACCOUNT_MAX_FAILURES: String(max) });
    expect(getEnv().LOGIN_ACCOUNT_MAX_FAILURES).toBe(max);
    const { email, userId, tenantId } = await owner();
    for (let i = 1; i <= max; i++) expect(await attempt(email, `wrong guess ${i}`, `198.51.100.${i}`)).toBe("wrong");
    // A fresh address, and the right password: still refused until the window ends.
    expect(await attempt(email, PASSWORD, "192.0.2.200")).toBe("locked");
    for (let i = 1; i <= 5; i++) expect(await attempt(email, `more guesses ${i}`, `192.0.2.${i}`)).toBe("locked");

    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Sign-ins to your Megaphone account are paused");
    expect(mails[0]!.text).toContain(`${getEnv().APP_URL}/signin`);
    expect(mails[0]!.text).not.toMatch(/wrong guess|more guesses/);

    const audit = await unsafeCrossTenantDb().auditLog.findMany({ where: { tenantId, action: "auth.account_locked" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "SYSTEM", targetType: "User", targetId: userId });
  });

  it("answers an unknown email exactly like a known one: wrong, then locked after the same count", async () => {
    const max = 20;
    configure({ TRUSTED_PROXIES: "127.0.0.1", LOGIN_MAX_FAILURES: "5", LOGIN_ACCOUNT_MAX_FAILURES: String(max) });
    const { email } = await owner();
    const ghost = "nobody-here@example.test";
    for (let i = 1; i <= max; i++) {
      expect(await attempt(email, `wrong guess ${i}`, `198.51.100.${i}`)).toBe("wrong");
      expect(await attempt(ghost, `wrong guess ${i}`, `198.51.100.${i}`)).toBe("wrong");
    }
    expect(await attempt(email, "another guess", "192.0.2.1")).toBe("locked");
    expect(await attempt(ghost, "another guess", "192.0.2.1")).toBe("locked");
    expect(await unsafeCrossTenantDb().mailMessage.count({ where: { toEmail: ghost } })).toBe(0);
  });
});
