import { describe, expect, it } from "vitest";
import { assertIfMatch, entityTag, ifMatchHolds } from "../../src/server/etag";

describe("entity tags", () => {
  const row = { id: "cus_1", updatedAt: new Date("2026-03-01T10:00:00.123Z") };
  const tag = entityTag(row);

  it("is a quoted strong tag that moves with the row's id and last change, the same for a Date or its ISO string", () => {
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(entityTag({ id: "cus_1", updatedAt: "2026-03-01T10:00:00.123Z" })).toBe(tag);
    expect(entityTag({ id: "cus_1", updatedAt: new Date("2026-03-01T10:00:00.124Z") })).not.toBe(tag);
    expect(entityTag({ id: "cus_2", updatedAt: row.updatedAt })).not.toBe(tag);
  });

  it("If-Match holds for *, the tag itself or a list holding it; never for a weak, other or malformed one", () => {
    expect(ifMatchHolds("*", tag)).toBe(true);
    expect(ifMatchHolds(tag, tag)).toBe(true);
    expect(ifMatchHolds(` "other" , ${tag}`, tag)).toBe(true);
    expect(ifMatchHolds(`W/${tag}`, tag)).toBe(false);
    expect(ifMatchHolds('"other"', tag)).toBe(false);
    expect(ifMatchHolds(tag.slice(1, -1), tag)).toBe(false);
    expect(ifMatchHolds(`${tag} garbage`, tag)).toBe(false);
    expect(ifMatchHolds("", tag)).toBe(false);
  });

  it("assertIfMatch lets a write without If-Match through and refuses a stale one with PRECONDITION_FAILED", () => {
    expect(() => assertIfMatch(undefined, tag, "customer")).not.toThrow();
    expect(() => assertIfMatch(tag, tag, "customer")).not.toThrow();
    expect(() => assertIfMatch('"stale"', tag, "customer")).toThrow(expect.objectContaining({ code: "PRECONDITION_FAILED", status: 412 }));
  });
});
