// The one error → sync-state policy written by the one sync machine to real rows of both kinds it
// keeps: a listening source (ListeningSource.*) and a linked profile's check-ins
// (SocialProfile.checkin*). Each provider error kind is applied through the production path
// (syncReaction → applySyncReaction with the row's store) to a row in a live run.
import { describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { markSourceRunning, sourceSyncStore } from "../../../src/server/modules/listening/source-sync";
import { createSource } from "../../../src/server/modules/listening/source.service";
import { storeProfileTokens } from "../../../src/server/modules/social-profiles/profile-tokens";
import { checkinSyncStore, claimCheckinRun } from "../../../src/server/pipeline/checkins/checkin-sync";
import { syncReaction, type SyncReaction } from "../../../src/server/pipeline/sync/sync-policy";
import { applySyncReaction } from "../../../src/server/pipeline/sync/sync-state";
import type { ProviderErrorKind } from "../../../src/server/social/social-provider";
import { createTenantWithMember, makeCustomer } from "../support/factories";

interface SyncRow {
  status: string;
  nextRunAt: Date | null;
  lastError: string | null;
  throttleCount: number;
  cursor: string | Date | null;
}

const now = new Date(Date.now() - 1_000);
const reset = new Date(now.getTime() + 7 * 60_000);
const in_ = (ms: number) => new Date(now.getTime() + ms);

/** What each kind must leave behind, whichever kind of row. `cursorKept`: the stored cursor is untouched. */
const EXPECTED: Record<ProviderErrorKind, { failure: { kind: ProviderErrorKind; retryAt?: Date }; row: Omit<SyncRow, "cursor">; cursorKept: boolean }> = {
  RATE_LIMITED: {
    failure: { kind: "RATE_LIMITED", retryAt: reset },
    row: { status: "THROTTLED", nextRunAt: reset, lastError: `rate limited until ${reset.toISOString()}`, throttleCount: 1 },
    cursorKept: true,
  },
  TRANSIENT: { failure: { kind: "TRANSIENT" }, row: { status: "ERROR", nextRunAt: in_(60_000), lastError: "boom", throttleCount: 0 }, cursorKept: true },
  REFRESH_TOKEN: {
    failure: { kind: "REFRESH_TOKEN" },
    row: { status: "NEEDS_RECONNECT", nextRunAt: null, lastError: "boom", throttleCount: 0 },
    cursorKept: true,
  },
  RECONNECT: { failure: { kind: "RECONNECT" }, row: { status: "NEEDS_RECONNECT", nextRunAt: null, lastError: "boom", throttleCount: 0 }, cursorKept: true },
  CURSOR_EXPIRED: { failure: { kind: "CURSOR_EXPIRED" }, row: { status: "OK", nextRunAt: now, lastError: null, throttleCount: 0 }, cursorKept: false },
  BAD_REQUEST: {
    failure: { kind: "BAD_REQUEST" },
    row: { status: "ERROR", nextRunAt: in_(15 * 60_000), lastError: "boom", throttleCount: 0 },
    cursorKept: true,
  },
};
const KINDS = Object.keys(EXPECTED) as ProviderErrorKind[];

async function runningSource(ctx: TenantContext) {
  const source = await createSource(ctx, { network: "TWITTER", kind: "KEYWORD", value: `sync${Math.random().toString(36).slice(2, 10)}` });
  await getDb().listeningSource.updateMany({ where: { tenantId: ctx.tenantId, id: source.id }, data: { cursor: "1900000000000000000" } });
  const claim = await markSourceRunning(ctx, source.id, { now });
  if (!claim) throw new Error("source not claimed");
  const read = async (): Promise<SyncRow> => {
    const row = await getDb().listeningSource.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: source.id } });
    return { status: row.syncStatus, nextRunAt: row.nextRunAt, lastError: row.lastError, throttleCount: row.throttleCount, cursor: row.cursor };
  };
  const apply = (startedAt: Date, reaction: SyncReaction, message: string) =>
    applySyncReaction(sourceSyncStore, { tenantId: ctx.tenantId, id: source.id, startedAt }, reaction, message);
  return { id: source.id, startedAt: claim.startedAt, cursor: "1900000000000000000", read, apply };
}

async function runningCheckinProfile(ctx: TenantContext) {
  const customer = await makeCustomer(ctx);
  const externalUserId = `fsq${Math.random().toString(36).slice(2, 12)}`;
  const cursor = new Date(now.getTime() - 3_600_000);
  const profile = await getDb().socialProfile.create({
    data: {
      tenantId: ctx.tenantId,
      customerId: customer.id,
      network: "FOURSQUARE",
      externalUserId,
      handle: externalUserId,
      linkedAt: new Date(now.getTime() - 86_400_000),
      scopes: [],
      checkinCursor: cursor,
    },
    select: { id: true },
  });
  await getDb().$transaction((tx) =>
    storeProfileTokens(tx, ctx, profile.id, { accessToken: "sync-state-test-token", refreshToken: null, expiresAt: null, scopes: [] }),
  );
  const claim = await claimCheckinRun(ctx, profile.id, { now, staleRunMs: 60_000 });
  if (!claim) throw new Error("profile not claimed");
  const read = async (): Promise<SyncRow> => {
    const row = await getDb().socialProfile.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: profile.id } });
    return {
      status: row.checkinSyncStatus,
      nextRunAt: row.checkinNextRunAt,
      lastError: row.checkinLastError,
      throttleCount: row.checkinThrottleCount,
      cursor: row.checkinCursor,
    };
  };
  const apply = (startedAt: Date, reaction: SyncReaction, message: string) =>
    applySyncReaction(checkinSyncStore, { tenantId: ctx.tenantId, id: profile.id, startedAt }, reaction, message);
  return { id: profile.id, startedAt: claim.startedAt, cursor, read, apply };
}

describe("one error → sync-state policy on real rows", () => {
  it.each(KINDS)("%s: a listening source and a check-in profile end in the same state", async (kind) => {
    const { ctx } = await createTenantWithMember("OWNER");
    const expected = EXPECTED[kind];
    const reaction = syncReaction(expected.failure, now);

    const source = await runningSource(ctx);
    expect(await applySyncReaction(sourceSyncStore, { tenantId: ctx.tenantId, id: source.id, startedAt: source.startedAt }, reaction, "boom")).toBe(true);
    expect(await source.read()).toEqual({ ...expected.row, cursor: expected.cursorKept ? source.cursor : null });

    const profile = await runningCheckinProfile(ctx);
    expect(await applySyncReaction(checkinSyncStore, { tenantId: ctx.tenantId, id: profile.id, startedAt: profile.startedAt }, reaction, "boom")).toBe(true);
    expect(await profile.read()).toEqual({ ...expected.row, cursor: expected.cursorKept ? profile.cursor : null });
  });

  it("writes nothing for a run another worker took over, except a refused credential", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const stale = new Date(now.getTime() - 60_000);
    for (const row of [await runningSource(ctx), await runningCheckinProfile(ctx)]) {
      const before = await row.read();
      for (const kind of ["RATE_LIMITED", "TRANSIENT", "CURSOR_EXPIRED", "BAD_REQUEST"] as const) {
        expect(await row.apply(stale, syncReaction({ kind }, now), "late")).toBe(false);
      }
      expect(await row.read()).toEqual(before);
      expect(await row.apply(stale, syncReaction({ kind: "RECONNECT" }, now), "revoked")).toBe(true);
      expect(await row.read()).toMatchObject({ status: "NEEDS_RECONNECT", nextRunAt: null, lastError: "revoked" });
    }
  });

  it("touches another tenant's rows under no kind", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const { ctx: other } = await createTenantWithMember("OWNER");
    const source = await runningSource(ctx);
    const profile = await runningCheckinProfile(ctx);
    const before = [await source.read(), await profile.read()];
    for (const kind of KINDS) {
      const reaction = syncReaction({ kind }, now);
      expect(await applySyncReaction(sourceSyncStore, { tenantId: other.tenantId, id: source.id, startedAt: source.startedAt }, reaction, "x")).toBe(false);
      expect(await applySyncReaction(checkinSyncStore, { tenantId: other.tenantId, id: profile.id, startedAt: profile.startedAt }, reaction, "x")).toBe(false);
    }
    expect([await source.read(), await profile.read()]).toEqual(before);
  });
});
