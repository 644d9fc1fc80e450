// Issue 9, item 1: the development outbox shows invitation links with no sign-in, so it answers
// 404 unless MAIL_OUTBOX_PAGE is on AND the request is a loopback one without a proxy, and a
// production process refuses to start with the switch on at all.
import { spawn } from "node:child_process";
import { createElement, type ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { unsafeCrossTenantDb } from "../../src/server/db/client";
import { resetEnvCache } from "../../src/server/env";
import { PEER_HEADER, installPeerAddressStamp, peerStamp } from "../../src/server/http/peer-address";

const request = vi.hoisted(() => ({ headers: new Headers() }));
// Only Next's request-scoped header lookup is replaced; the gate, Postgres and the page are real.
vi.mock("next/headers", () => ({ headers: async () => request.headers }));

const { default: OutboxPage } = await import("../../src/app/dev/outbox/page");

const NOT_FOUND = { digest: "NEXT_HTTP_ERROR_FALLBACK;404" };
const LINK = "http://localhost:3000/invite/outbox-test-token-0123456789";

function from(peer: string, extra: Record<string, string> = {}) {
  request.headers = new Headers({ [PEER_HEADER]: peerStamp(peer), ...extra });
}

function outboxPage(on: boolean): Promise<ReactElement> {
  process.env.MAIL_OUTBOX_PAGE = on ? "true" : "";
  resetEnvCache();
  return (OutboxPage as () => Promise<ReactElement>)();
}

beforeAll(async () => {
  // As instrumentation.ts does in the web app: the peer header then comes from the socket only.
  installPeerAddressStamp();
  await unsafeCrossTenantDb().mailMessage.create({
    data: { dedupeKey: "outbox-1", toEmail: "invitee@example.test", subject: "You're invited to Outbox Brand", text: `Join: ${LINK}` },
  });
});

afterEach(() => {
  delete process.env.MAIL_OUTBOX_PAGE;
  resetEnvCache();
});

describe("/dev/outbox", () => {
  it("answers 404 when MAIL_OUTBOX_PAGE is off, even to loopback", async () => {
    from("127.0.0.1");
    await expect(outboxPage(false)).rejects.toMatchObject(NOT_FOUND);
    from("::1");
    await expect(outboxPage(false)).rejects.toMatchObject(NOT_FOUND);
  });

  it("answers 404 when on but the TCP peer is another host", async () => {
    for (const peer of ["192.0.2.2", "203.0.113.9", "::ffff:198.51.100.7", "fd00::2"]) {
      from(peer);
      await expect(outboxPage(true)).rejects.toMatchObject(NOT_FOUND);
    }
  });

  it("answers 404 when on but the loopback peer is a proxy forwarding someone else", async () => {
    from("127.0.0.1", { "x-forwarded-for": "203.0.113.9" });
    await expect(outboxPage(true)).rejects.toMatchObject(NOT_FOUND);
    // A remote client's own "127.0.0.1" does not hide the hop the proxy appended.
    from("127.0.0.1", { "x-forwarded-for": "127.0.0.1, 203.0.113.9" });
    await expect(outboxPage(true)).rejects.toMatchObject(NOT_FOUND);
    from("::1", { forwarded: "for=203.0.113.9" });
    await expect(outboxPage(true)).rejects.toMatchObject(NOT_FOUND);
  });

  it("answers 404 when on and a remote client claims loopback in forwarded headers", async () => {
    from("203.0.113.9", { "x-forwarded-for": "127.0.0.1", "x-real-ip": "127.0.0.1" });
    await expect(outboxPage(true)).rejects.toMatchObject(NOT_FOUND);
  });

  it("lists the mail when on and the request is loopback", async () => {
    // `next start` itself sets X-Forwarded-For to the peer when the client sent none.
    const requests: [string, Record<string, string>][] = [
      ["127.0.0.1", {}],
      ["::1", {}],
      ["::ffff:127.0.0.1", {}],
      ["127.0.0.1", { "x-forwarded-for": "127.0.0.1" }],
      ["::1", { "x-forwarded-for": "::1" }],
    ];
    for (const [peer, extra] of requests) {
      from(peer, extra);
      const html = renderToString(createElement("div", null, await outboxPage(true)));
      expect(html).toContain("You&#x27;re invited to Outbox Brand");
      expect(html).toContain(`href="${LINK}"`);
    }
  });
});

/** Runs what `next start` runs before serving anything: src/instrumentation.ts register(). */
async function registerWebApp(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", "const m = await import('./src/instrumentation.ts'); await m.register(); console.log('started');"],
    { env: { ...process.env, NEXT_RUNTIME: "nodejs", NODE_ENV: "production", ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { code, output };
}

describe("a production web app", () => {
  it("refuses to start with MAIL_OUTBOX_PAGE on and names the variable", async () => {
    const { code, output } = await registerWebApp({ MAIL_OUTBOX_PAGE: "true" });
    expect(code).not.toBe(0);
    expect(output).toMatch(/MAIL_OUTBOX_PAGE: is a development-only switch and must not be set when NODE_ENV=production/);
    expect(output).not.toContain("started");
  }, 30_000);

  it("starts with the switch off (the refusal above is the switch, nothing else)", async () => {
    const { code, output } = await registerWebApp({ MAIL_OUTBOX_PAGE: "" });
    expect(output).toContain("started");
    expect(code).toBe(0);
  }, 30_000);
});
