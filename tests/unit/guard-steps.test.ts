import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "../../src/server/errors";
import { assertSameOrigin, parseWith, readJsonBody, requireMembership, requireUser } from "../../src/server/http/guard-steps";

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as AppError).code;
  }
  return "none";
};

describe("guard steps", () => {
  it("requireUser: no session is 401", () => {
    expect(code(() => requireUser(null))).toBe("UNAUTHENTICATED");
    expect(requireUser({ id: "u", email: "e@x.test", name: "n" }).id).toBe("u");
  });

  it("requireMembership: a foreign tenant looks like a missing one (404)", () => {
    expect(code(() => requireMembership(null))).toBe("NOT_FOUND");
  });

  it("assertSameOrigin lets reads through and refuses cross-site or origin-less writes", () => {
    const allowed = ["http://localhost:3000"];
    const h = (init: Record<string, string>) => new Headers(init);
    expect(code(() => assertSameOrigin("GET", h({ origin: "https://evil.test" }), allowed))).toBe("none");
    expect(code(() => assertSameOrigin("POST", h({ origin: "http://localhost:3000" }), allowed))).toBe("none");
    expect(code(() => assertSameOrigin("POST", h({ "sec-fetch-site": "same-origin" }), allowed))).toBe("none");
    expect(code(() => assertSameOrigin("PATCH", h({ origin: "https://evil.test" }), allowed))).toBe("FORBIDDEN");
    expect(code(() => assertSameOrigin("DELETE", h({}), allowed))).toBe("FORBIDDEN");
    expect(code(() => assertSameOrigin("POST", h({ "sec-fetch-site": "cross-site" }), allowed))).toBe("FORBIDDEN");
  });

  it("readJsonBody: malformed JSON is 400, a wrong content type 415, an oversize body 413", async () => {
    const req = (body: string, type = "application/json") => new Request("http://x.test", { method: "POST", body, headers: { "content-type": type } });
    await expect(readJsonBody(req('{"a":1}'))).resolves.toEqual({ a: 1 });
    await expect(readJsonBody(req("{oops"))).rejects.toMatchObject({ code: "BAD_REQUEST", message: "the body is not valid JSON" });
    await expect(readJsonBody(req("a=1", "application/x-www-form-urlencoded"))).rejects.toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE", status: 415 });
    await expect(readJsonBody(req(JSON.stringify({ a: "x".repeat(1_000_001) })))).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE", status: 413 });
  });

  it("parseWith throws the zod error for the problem mapper", () => {
    expect(() => parseWith(z.strictObject({ a: z.number() }), { a: 1, b: 2 })).toThrow(/b/);
    expect(parseWith(z.object({ a: z.coerce.number() }), { a: "3" })).toEqual({ a: 3 });
  });
});
