// The sandbox's SMTP catcher: the demo's mailbox. Mail arrives over real SMTP (nodemailer, as the
// worker sends it), is shown escaped at /__mail and as JSON at /__admin/mail, to this machine only.
import { networkInterfaces } from "node:os";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type SandboxHandle } from "../../../src/sandbox/start-sandbox";

/** An address of this machine other than loopback, if it has one (the requests then arrive from it). */
const otherAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === "IPv4" && !i.internal)?.address;

let sandbox: SandboxHandle;

beforeAll(async () => {
  // 0.0.0.0 so that a request can arrive from a non-loopback peer; the SMTP side stays on 127.0.0.1.
  sandbox = await startSandbox({ host: "0.0.0.0", port: 0, smtp: { port: 0 }, initialPosts: 0 });
});
afterAll(() => sandbox.close());

const local = (path: string) => `http://127.0.0.1:${sandbox.port}${path}`;

describe("sandbox mail catcher", () => {
  it("listens for SMTP on loopback only", () => {
    expect(sandbox.smtp?.url).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
  });

  it("keeps mail sent over SMTP and shows it newest first, escaped", async () => {
    const transport = nodemailer.createTransport({ url: sandbox.smtp!.url } as Parameters<typeof nodemailer.createTransport>[0]);
    const link = `http://localhost:3000/invite/${"a".repeat(90)}`;
    await transport.sendMail({ from: "Megaphone <no-reply@megaphone.local>", to: "first@example.test", subject: "First", text: "one" });
    await transport.sendMail({
      from: "Megaphone <no-reply@megaphone.local>",
      to: "second@example.test",
      subject: "Café <script>alert(1)</script>",
      text: `Grüße from "Brand" <img src=x onerror=alert(1)>\nJoin: ${link}\n`,
    });
    transport.close();

    const json = (await (await fetch(local("/__admin/mail"))).json()) as { messages: { subject: string; text: string; envelope: { to: string[] } }[] };
    expect(json.messages.map((m) => m.envelope.to)).toEqual([["second@example.test"], ["first@example.test"]]);
    expect(json.messages[0]).toMatchObject({ subject: "Café <script>alert(1)</script>" });
    expect(json.messages[0]!.text).toContain(`Join: ${link}`);
    expect(json.messages[0]!.text).toContain("Grüße");

    const page = await fetch(local("/__mail"));
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    const html = await page.text();
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("Café &#60;script&#62;alert(1)&#60;/script&#62;");
    expect(html).toContain(`<a href="${link}" rel="noreferrer">${link}</a>`);
    expect(html.indexOf("second@example.test")).toBeLessThan(html.indexOf("first@example.test"));
  });

  it.skipIf(!otherAddress)("answers 404 to a peer that is not this machine's loopback (needs a non-loopback address)", async () => {
    for (const path of ["/__mail", "/__admin/mail"]) {
      const res = await fetch(`http://${otherAddress}:${sandbox.port}${path}`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("example.test");
    }
    expect((await fetch(`http://${otherAddress}:${sandbox.port}/__admin/mail`, { method: "DELETE" })).status).toBe(404);
    expect((await fetch(local("/__admin/mail"))).status).toBe(200);
  });

  it("empties the box on DELETE /__admin/mail", async () => {
    expect((await fetch(local("/__admin/mail"), { method: "DELETE" })).status).toBe(200);
    expect(sandbox.mail.list()).toHaveLength(0);
  });
});
