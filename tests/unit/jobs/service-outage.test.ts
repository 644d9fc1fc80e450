import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable, isRedisUnavailable, isServiceUnavailable, outageRetryDelayMs } from "../../../src/workers/database-outage";

/** Which failures make a job wait for its service instead of spending its attempts (src/workers/process-job.ts). */
describe("service outages", () => {
  it("recognises a lost or refused database connection, also when wrapped", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: Object.assign(new Error("terminating connection"), { code: "57P01" }) }))).toBe(true);
    expect(isDatabaseUnavailable({ message: "x", meta: { driverAdapterError: { kind: "ConnectionClosed" } } })).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
  });

  it("recognises ioredis' errors for a dropped or unreachable Redis", () => {
    expect(isRedisUnavailable(new Error("Connection is closed."))).toBe(true);
    expect(
      isRedisUnavailable(Object.assign(new Error("Reached the max retries per request limit (which is 20)."), { name: "MaxRetriesPerRequestError" })),
    ).toBe(true);
    expect(isRedisUnavailable(new Error("enqueue failed", { cause: new Error("Connection is closed.") }))).toBe(true);
    expect(isRedisUnavailable(new Error("WRONGTYPE Operation against a key holding the wrong kind of value"))).toBe(false);
  });

  it("treats either as an outage, and nothing else", () => {
    expect(isServiceUnavailable(new Error("Connection is closed."))).toBe(true);
    expect(isServiceUnavailable(Object.assign(new Error("x"), { code: "P1001" }))).toBe(true);
    expect(isServiceUnavailable(new Error("upstream answered 503"))).toBe(false);
    expect(isServiceUnavailable(null)).toBe(false);
  });

  it("waits 1 s doubling to 30 s between deferrals", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 50].map(outageRetryDelayMs)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });
});
