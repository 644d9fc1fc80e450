import { describe, expect, it } from "vitest";
import { decodePageToken, encodePageToken, fingerprint } from "@/sandbox/core/page-token";
import { TWEPOCH_MS, compareKeys, parseSnowflake, snowflakeToString } from "@/sandbox/core/snowflake";
import { PostStore } from "@/sandbox/store/post-store";
import { UserStore } from "@/sandbox/store/user-store";

describe("snowflake ids", () => {
  it("uses the formula twitter-api-v2 uses to turn dates into ids", () => {
    const ms = Date.parse("2026-06-22T16:35:50.162Z");
    // The real stale-since_id error names this id for that instant.
    expect(snowflakeToString(ms, 0)).toBe("2069097036665323520");
    expect(snowflakeToString(ms, 0)).toBe(((BigInt(ms) - BigInt(TWEPOCH_MS)) << 22n).toString());
  });

  it("round-trips and orders like the numeric ids", () => {
    const a = snowflakeToString(Date.UTC(2026, 10, 1), 5);
    const b = snowflakeToString(Date.UTC(2026, 10, 1), 6);
    const c = snowflakeToString(Date.UTC(2026, 10, 1, 0, 0, 0, 1), 0);
    expect(parseSnowflake(a)).toEqual({ ms: Date.UTC(2026, 10, 1), seq: 5 });
    expect(compareKeys(parseSnowflake(a), parseSnowflake(b))).toBeLessThan(0);
    expect(compareKeys(parseSnowflake(b), parseSnowflake(c))).toBeLessThan(0);
    expect(BigInt(a) < BigInt(b) && BigInt(b) < BigInt(c)).toBe(true);
  });

  it("mints unique ascending ids for posts in the same millisecond, even when inserted out of order", () => {
    const users = new UserStore();
    const u = users.add({ id: "1", username: "u", createdAt: 0 });
    const store = new PostStore();
    const t = Date.UTC(2026, 10, 20);
    const p1 = store.add({ ms: t, author: u, text: "one" });
    const p2 = store.add({ ms: t, author: u, text: "two" });
    const p0 = store.add({ ms: t - 5, author: u, text: "earlier" });
    const batch = store.addBatch([
      { ms: t, author: u, text: "three" },
      { ms: t, author: u, text: "four" },
    ]);
    const ids = store.posts.map((p) => p.id);
    expect(new Set(ids).size).toBe(5);
    expect(ids).toEqual([...ids].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1)));
    expect(ids[0]).toBe(p0.id);
    expect([p1.seq, p2.seq, batch[0]!.seq, batch[1]!.seq]).toEqual([0, 1, 2, 3]);
  });
});

describe("page tokens", () => {
  const fp = fingerprint(["search", "@BrandX", "", "", "", ""]);
  const cursor = { ms: Date.UTC(2026, 10, 20, 12), seq: 17 };

  it("is deterministic and base32hex", () => {
    const t1 = encodePageToken(cursor, fp);
    expect(encodePageToken({ ...cursor }, fp)).toBe(t1);
    expect(t1).toMatch(/^[0-9a-v]+$/);
  });

  it("decodes back to its cursor only for the same query fingerprint", () => {
    const token = encodePageToken(cursor, fp);
    expect(decodePageToken(token, fp)).toEqual(cursor);
    expect(decodePageToken(token, fingerprint(["search", "@Other", "", "", "", ""]))).toBeUndefined();
    expect(decodePageToken("not-a-token!", fp)).toBeUndefined();
  });
});
