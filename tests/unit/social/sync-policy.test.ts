// The one error → sync-state policy (src/server/pipeline/sync/sync-policy.ts) and the change each
// reaction makes (sync-state.ts), shared by listening sources and check-in profiles. Writing the
// change to real rows of both kinds: tests/integration/pipeline/sync-state.test.ts.
import { describe, expect, it } from "vitest";
import { BAD_REQUEST_RETRY_MS, DEFAULT_THROTTLE_MS, syncReaction, throttleUntil, TRANSIENT_RETRY_MS } from "../../../src/server/pipeline/sync/sync-policy";
import { changeFor, clipError } from "../../../src/server/pipeline/sync/sync-state";
import type { ProviderErrorKind } from "../../../src/server/social/social-provider";

const now = new Date("2026-12-03T08:00:00.000Z");
const at = (ms: number) => new Date(now.getTime() + ms);
const reset = at(7 * 60_000);

describe("error → sync-state policy", () => {
  it("has the agreed defaults: one throttle wait (15 min), transient retry 60 s, bad request 15 min", () => {
    expect(DEFAULT_THROTTLE_MS).toBe(15 * 60_000);
    expect(TRANSIENT_RETRY_MS).toBe(60_000);
    expect(BAD_REQUEST_RETRY_MS).toBe(15 * 60_000);
  });

  const table: [string, { kind: ProviderErrorKind; retryAt?: Date }, ReturnType<typeof syncReaction>, ReturnType<typeof changeFor>][] = [
    [
      "RATE_LIMITED with the network's reset → THROTTLED until that reset",
      { kind: "RATE_LIMITED", retryAt: reset },
      { state: "THROTTLED", until: reset, retryable: false },
      { status: "THROTTLED", countThrottle: true, nextRunAt: reset, lastError: `rate limited until ${reset.toISOString()}` },
    ],
    [
      "RATE_LIMITED without a reset → THROTTLED for the one default (15 min)",
      { kind: "RATE_LIMITED" },
      { state: "THROTTLED", until: at(15 * 60_000), retryable: false },
      { status: "THROTTLED", countThrottle: true, nextRunAt: at(15 * 60_000), lastError: `rate limited until ${at(15 * 60_000).toISOString()}` },
    ],
    [
      "TRANSIENT → ERROR, due again in 60 s, the job retried",
      { kind: "TRANSIENT" },
      { state: "ERROR", retryAt: at(60_000), retryable: true },
      { status: "ERROR", nextRunAt: at(60_000), lastError: "upstream said no" },
    ],
    [
      "REFRESH_TOKEN → NEEDS_RECONNECT, never due until reconnected",
      { kind: "REFRESH_TOKEN" },
      { state: "NEEDS_RECONNECT", retryable: false },
      { status: "NEEDS_RECONNECT", nextRunAt: null, lastError: "upstream said no" },
    ],
    [
      "RECONNECT → NEEDS_RECONNECT, never due until reconnected",
      { kind: "RECONNECT" },
      { state: "NEEDS_RECONNECT", retryable: false },
      { status: "NEEDS_RECONNECT", nextRunAt: null, lastError: "upstream said no" },
    ],
    [
      "CURSOR_EXPIRED → cursor cleared, OK and due at once",
      { kind: "CURSOR_EXPIRED" },
      { state: "CURSOR_RESET", nextRunAt: now, retryable: false },
      { status: "OK", nextRunAt: now, lastError: null, cursor: null },
    ],
    [
      "BAD_REQUEST → ERROR, due again in 15 min, not retried",
      { kind: "BAD_REQUEST" },
      { state: "ERROR", retryAt: at(15 * 60_000), retryable: false },
      { status: "ERROR", nextRunAt: at(15 * 60_000), lastError: "upstream said no" },
    ],
  ];

  it.each(table)("%s", (_name, failure, reaction, change) => {
    expect(syncReaction(failure, now)).toEqual(reaction);
    expect(changeFor(syncReaction(failure, now), "upstream said no")).toEqual(change);
  });

  it("covers every error kind a provider can report", () => {
    const kinds: ProviderErrorKind[] = ["RATE_LIMITED", "TRANSIENT", "REFRESH_TOKEN", "RECONNECT", "CURSOR_EXPIRED", "BAD_REQUEST"];
    expect(new Set(table.map(([, failure]) => failure.kind))).toEqual(new Set(kinds));
  });

  it("ignores a reset time for anything but a rate limit", () => {
    expect(syncReaction({ kind: "TRANSIENT", retryAt: reset }, now)).toEqual({ state: "ERROR", retryAt: at(60_000), retryable: true });
  });

  it("gives the one throttle default to every other caller (refresh, sharing)", () => {
    expect(throttleUntil(undefined, now)).toEqual(at(DEFAULT_THROTTLE_MS));
    expect(throttleUntil(reset, now)).toBe(reset);
  });

  it("stores errors on one line, bearer tokens masked, at most 500 characters", () => {
    expect(clipError("401 for\nBearer abc.DEF-123 and Basic dXNlcjpwYXNz")).toBe("401 for Bearer [redacted] and Basic [redacted]");
    expect(clipError("x".repeat(600))).toHaveLength(500);
    expect(clipError("  ")).toBe("unknown error");
  });
});
