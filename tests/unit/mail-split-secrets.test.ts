import { describe, expect, it } from "vitest";
import { splitAtSecrets } from "../../src/server/modules/mail/mail-secrets";

const join = (parts: ReturnType<typeof splitAtSecrets>, secrets: string[]) => parts.map((p) => (typeof p === "string" ? p : secrets[p.secret])).join("");

describe("splitAtSecrets", () => {
  it("cuts the body at every occurrence, and joining puts it back", () => {
    const secrets = ["https://x.test/invite/abcdefgh", "resettoken123"];
    const text = `Join https://x.test/invite/abcdefgh or https://x.test/invite/abcdefgh.\nCode resettoken123`;
    const parts = splitAtSecrets(text, secrets);
    expect(parts).toEqual(["Join ", { secret: 0 }, " or ", { secret: 0 }, ".\nCode ", { secret: 1 }]);
    expect(join(parts, secrets)).toBe(text);
    for (const part of parts) if (typeof part === "string") for (const s of secrets) expect(part).not.toContain(s);
  });

  it("takes the longer secret where two start at the same place, and leaves no piece of either", () => {
    const secrets = ["tokentoken", "tokentoken-and-more"];
    const parts = splitAtSecrets("a tokentoken-and-more b", secrets);
    expect(parts).toEqual(["a ", { secret: 1 }, " b"]);
  });

  it("keeps a body without secrets whole", () => {
    expect(splitAtSecrets("hello", [])).toEqual(["hello"]);
    expect(splitAtSecrets("hello", ["not-in-there"])).toEqual(["hello"]);
  });
});
