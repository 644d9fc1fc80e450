import { describe, expect, it } from "vitest";
import { MAX_ACTION_BODY_BYTES, refuseBadServerAction } from "../../src/server/http/server-action-guard";

const ORIGIN = "http://app.test";
const action = (body: BodyInit, headers: Record<string, string>, path = "/t/acme/customers/new") =>
  new Request(`${ORIGIN}${path}`, { method: "POST", body, headers });
const status = async (request: Request) => (await refuseBadServerAction(request, [ORIGIN]))?.status ?? "passed";

describe("server-action guard (src/proxy.ts)", () => {
  const fetchAction = { "next-action": "7f19532a7eb9035ef37b15f9a64d1e978b4693f870", origin: ORIGIN, "content-type": "text/plain;charset=UTF-8" };

  it("lets well-formed action requests and everything that is not an action through", async () => {
    expect(await status(action('[{"status":"idle"},"$K1","$$5 off","$undefined","$D2026-01-01T00:00:00.000Z"]', fetchAction))).toBe("passed");
    const form = new FormData();
    form.set("0", '["$K1"]');
    form.set("1_displayName", "Ann");
    expect(await status(action(form, { "next-action": fetchAction["next-action"], origin: ORIGIN }))).toBe("passed");
    expect(await status(action("{}", { origin: "https://evil.example", "content-type": "application/json" }, "/api/v1/x"))).toBe("passed");
    expect(await status(action("[]", { "next-action": "x", "content-type": "text/plain" }))).toBe("passed"); // no Origin: not a browser
    // the page was opened under another name of this server: Next's own same-host rule
    expect(await status(action("[]", { ...fetchAction, origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }))).toBe("passed");
  });

  it("answers a foreign Origin with 403, on fetch and no-JS form actions", async () => {
    expect(await status(action("[]", { ...fetchAction, origin: "https://evil.example" }))).toBe(403);
    expect(await status(action("[]", { ...fetchAction, origin: "null" }))).toBe(403);
    expect(await status(action("[]", { ...fetchAction, origin: "https://evil.example", host: "127.0.0.1:3000", "x-forwarded-host": "evil.example" }))).toBe(
      403,
    );
    const form = new FormData();
    form.set("$ACTION_ID_7f19532a7eb9035ef37b15f9a64d1e978b4693f870", "");
    expect(await status(action(form, { origin: "https://evil.example" }))).toBe(403);
  });

  it("reads a refused body to its end before answering, so the sender gets the answer and not a reset", async () => {
    const refused = action("[]", { ...fetchAction, origin: "https://evil.example", "content-length": "2" });
    expect(await status(refused)).toBe(403);
    expect(refused.bodyUsed).toBe(true);
    const oversized = action("[]", { ...fetchAction, "content-length": String(MAX_ACTION_BODY_BYTES + 1) });
    expect(await status(oversized)).toBe(400);
    expect(oversized.bodyUsed).toBe(false);
  });

  it("answers bodies Next cannot decode with 400", async () => {
    for (const body of ["garbage{{", '{"a":1}', "5", '["$Q1"]', '["$@1"]', '[{"a":["$1"]}]', '["$nope"]']) {
      expect(await status(action(body, fetchAction)), body).toBe(400);
    }
    expect(await status(action("garbage", { ...fetchAction, "content-type": "multipart/form-data; boundary=xyz" }))).toBe(400);
    expect(await status(action('{"x":1}', { ...fetchAction, "content-type": "application/json" }))).toBe(400);
    expect(await status(action(`["${"a".repeat(MAX_ACTION_BODY_BYTES + 1)}"]`, fetchAction))).toBe(400);
  });
});
