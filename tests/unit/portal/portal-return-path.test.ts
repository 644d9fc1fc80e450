import { describe, expect, it } from "vitest";
import { portalReturnPath } from "../../../src/server/http/require-customer";

describe("portalReturnPath", () => {
  it("keeps a page of the same brand's portal, with its query", () => {
    expect(portalReturnPath("tasti", "/r/tasti/points?after=led_1")).toBe("/r/tasti/points?after=led_1");
    expect(portalReturnPath("tasti", "/r/tasti")).toBe("/r/tasti");
  });

  it("sends anything else to the portal's home", () => {
    for (const next of [
      undefined,
      "",
      "/t/tasti/customers",
      "/r/tasti-2/points",
      "/r/other",
      "https://evil.example/r/tasti",
      "//evil.example/r/tasti",
      "/r/tasti/../../t/tasti",
      "/r/tasti/%2e%2e/%2e%2e/t/tasti",
      "/r/tasti/\\evil",
      "/r/tasti/\nx",
    ]) {
      expect(portalReturnPath("tasti", next), String(next)).toBe("/r/tasti");
    }
  });
});
