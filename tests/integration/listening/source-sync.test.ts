import { describe, expect, it } from "vitest";
import { unsafeCrossTenantDb } from "../../../src/server/db/client";
import { markNeedsReconnect } from "../../../src/server/modules/channels/channel-credentials";
import { saveChannelConnection, setChannelConnectionEnabled } from "../../../src/server/modules/channels/channel.service";
import {
  markSourceFailed,
  markSourceNeedsReconnect,
  markSourceRunning,
  markSourceSucceeded,
  markSourceThrottled,
  resetSourceCursor,
  unsafeListDueSources,
} from "../../../src/server/modules/listening/source-sync";
import { createSource, getSourceOrThrow, updateSource } from "../../../src/server/modules/listening/source.service";
import { createTenantWithMember } from "../support/factories";

const T0 = new Date("2030-01-01T12:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const bearerToken = "AAAAAAAAAAAAAAAAAAAAAMegaphoneSandboxDevBearerToken0000000000";

/** Due sources of the given tenants only (other tests in this file own other tenants). */
async function dueIds(tenantIds: string[], now: Date, options: { limit?: number; staleRunMs?: number } = {}) {
  const due = await unsafeListDueSources({ now, limit: options.limit ?? 10_000, ...(options.staleRunMs ? { staleRunMs: options.staleRunMs } : {}) });
  return due.filter((s) => tenantIds.includes(s.tenantId)).map((s) => s.id);
}

/** Same, as a sorted list (sources that are all unscheduled come in id order, which is random). */
async function dueSet(tenantIds: string[], now: Date) {
  return (await dueIds(tenantIds, now)).sort();
}

async function setNextRunAt(id: string, nextRunAt: Date | null) {
  await unsafeCrossTenantDb().listeningSource.update({ where: { id }, data: { nextRunAt } });
}

describe("listening source sync state", () => {
  it("selects due sources across tenants: enabled, unscheduled or past due, not blocked, oldest first", async () => {
    const a = await createTenantWithMember("ADMIN");
    const b = await createTenantWithMember("ADMIN");
    const never = await createSource(a.ctx, { network: "TWITTER", kind: "HASHTAG", value: "never" });
    const past = await createSource(b.ctx, { network: "TWITTER", kind: "HASHTAG", value: "past" });
    const exactlyNow = await createSource(a.ctx, { network: "TWITTER", kind: "HANDLE", value: "now" });
    const future = await createSource(b.ctx, { network: "TWITTER", kind: "KEYWORD", value: "future" });
    const disabled = await createSource(a.ctx, { network: "TWITTER", kind: "KEYWORD", value: "disabled", enabled: false });
    const blocked = await createSource(b.ctx, { network: "FOURSQUARE", kind: "VENUE", value: "4bf58dd8d48988d1e0931735" });
    await setNextRunAt(past.id, at(-60));
    await setNextRunAt(exactlyNow.id, T0);
    await setNextRunAt(future.id, at(1));
    await setNextRunAt(disabled.id, null);
    expect(await markSourceNeedsReconnect(b.ctx, blocked.id, "401 Unauthorized")).toBe(true);

    const due = await unsafeListDueSources({ now: T0, limit: 10_000 });
    const mine = due.filter((s) => [a.ctx.tenantId, b.ctx.tenantId].includes(s.tenantId));
    expect(mine.map((s) => s.id)).toEqual([never.id, past.id, exactlyNow.id]);
    expect(mine[1]).toEqual({
      id: past.id,
      tenantId: b.ctx.tenantId,
      network: "TWITTER",
      kind: "HASHTAG",
      value: "#past",
      connectionId: null,
      nextRunAt: at(-60),
    });
    expect(await dueIds([a.ctx.tenantId, b.ctx.tenantId], at(1))).toContain(future.id);
    expect((await unsafeListDueSources({ now: T0, limit: 1 })).length).toBe(1);
  });

  it("runs a source through running → succeeded, keeping or replacing the cursor", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const source = await createSource(ctx, { network: "TWITTER", kind: "HASHTAG", value: "flow" });

    const claim = await markSourceRunning(ctx, source.id, { now: T0 });
    expect(claim).toEqual({
      id: source.id,
      tenantId: ctx.tenantId,
      network: "TWITTER",
      kind: "HASHTAG",
      value: "#flow",
      connectionId: null,
      cursor: null,
      startedAt: T0,
    });
    expect((await getSourceOrThrow(ctx, source.id)).sync).toMatchObject({ status: "RUNNING", lastRunAt: T0.toISOString() });
    // a running source is not handed out again while the run is fresh…
    expect(await dueIds([ctx.tenantId], at(60))).toEqual([]);
    // …but is once the run is presumed abandoned
    expect(await dueIds([ctx.tenantId], at(60), { staleRunMs: 30_000 })).toEqual([source.id]);

    expect(await markSourceSucceeded(ctx, source.id, { cursor: "100", nextRunAt: at(300), startedAt: T0 })).toBe(true);
    expect((await getSourceOrThrow(ctx, source.id)).sync).toEqual({
      status: "OK",
      lastRunAt: T0.toISOString(),
      nextRunAt: at(300).toISOString(),
      throttleCount: 0,
      lastError: null,
      hasCursor: true,
    });
    expect(await dueIds([ctx.tenantId], at(299))).toEqual([]);
    expect(await dueIds([ctx.tenantId], at(300))).toEqual([source.id]);

    const second = await markSourceRunning(ctx, source.id, { now: at(300) });
    expect(second?.cursor).toBe("100");
    await markSourceSucceeded(ctx, source.id, { nextRunAt: at(600), startedAt: second!.startedAt });
    const third = await markSourceRunning(ctx, source.id, { now: at(600) });
    expect(third?.cursor).toBe("100"); // undefined cursor kept the stored one
    await markSourceSucceeded(ctx, source.id, { cursor: null, nextRunAt: at(900), startedAt: third!.startedAt });
    expect((await getSourceOrThrow(ctx, source.id)).sync.hasCursor).toBe(false);
  });

  it("throttling counts up and waits for the reset; a failure records the error and the retry time", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const source = await createSource(ctx, { network: "TWITTER", kind: "KEYWORD", value: "busy brand" });
    for (const [i, start] of [at(0), at(1000)].entries()) {
      const run = await markSourceRunning(ctx, source.id, { now: start });
      expect(await markSourceThrottled(ctx, source.id, { resetAt: at(900 + i * 1000), startedAt: run!.startedAt })).toBe(true);
    }
    const throttled = await getSourceOrThrow(ctx, source.id);
    expect(throttled.sync).toMatchObject({ status: "THROTTLED", throttleCount: 2, nextRunAt: at(1900).toISOString() });
    expect(throttled.sync.lastError).toMatch(/rate limited until/);
    expect(await dueIds([ctx.tenantId], at(1899))).toEqual([]);

    const run = await markSourceRunning(ctx, source.id, { now: at(1900) });
    expect(
      await markSourceFailed(ctx, source.id, {
        error: "socket hang up\n  at request (Authorization: Bearer AAAAsecretTOKEN)",
        retryAt: at(1960),
        startedAt: run!.startedAt,
      }),
    ).toBe(true);
    const failed = await getSourceOrThrow(ctx, source.id);
    expect(failed.sync).toMatchObject({ status: "ERROR", throttleCount: 2, nextRunAt: at(1960).toISOString() });
    expect(failed.sync.lastError).toBe("socket hang up at request (Authorization: Bearer [redacted])");
    expect(await dueIds([ctx.tenantId], at(1960))).toEqual([source.id]);
  });

  it("end-of-run transitions apply only to the run that claimed the source", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const source = await createSource(ctx, { network: "TWITTER", kind: "HASHTAG", value: "racy" });
    // not running: nothing to finish
    expect(await markSourceSucceeded(ctx, source.id, { cursor: "1", nextRunAt: at(60) })).toBe(false);

    const stale = await markSourceRunning(ctx, source.id, { now: T0 });
    const fresh = await markSourceRunning(ctx, source.id, { now: at(1000) }); // re-claimed after the first was presumed dead
    expect(await markSourceSucceeded(ctx, source.id, { cursor: "stale", nextRunAt: at(60), startedAt: stale!.startedAt })).toBe(false);
    expect(await markSourceSucceeded(ctx, source.id, { cursor: "fresh", nextRunAt: at(1060), startedAt: fresh!.startedAt })).toBe(true);

    // staff change the value mid-run: the run's cursor belongs to the old value and is dropped
    const run = await markSourceRunning(ctx, source.id, { now: at(2000) });
    await updateSource(ctx, source.id, { value: "renamed" });
    expect(await markSourceSucceeded(ctx, source.id, { cursor: "old-value-cursor", nextRunAt: at(2060), startedAt: run!.startedAt })).toBe(false);
    expect((await getSourceOrThrow(ctx, source.id)).sync).toMatchObject({ status: "IDLE", hasCursor: false });

    // disabled sources cannot be claimed
    await updateSource(ctx, source.id, { enabled: false });
    expect(await markSourceRunning(ctx, source.id, { now: at(3000) })).toBeNull();
    // and another tenant's id is never touched
    const other = await createTenantWithMember("ADMIN");
    expect(await markSourceRunning(other.ctx, source.id)).toBeNull();
    expect(await resetSourceCursor(other.ctx, source.id)).toBe(false);
  });

  it("needs-reconnect parks a source until its channel is saved again, then it is due at once", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const connection = await saveChannelConnection(ctx, { network: "TWITTER", credentials: { kind: "bearer", bearerToken } });
    const onDefault = await createSource(ctx, { network: "TWITTER", kind: "HASHTAG", value: "a" });
    const onConnection = await createSource(ctx, { network: "TWITTER", kind: "HASHTAG", value: "b", connectionId: connection.id });
    const venue = await createSource(ctx, { network: "FOURSQUARE", kind: "VENUE", value: "4bf58dd8d48988d1e0931735" });
    for (const s of [onDefault, onConnection, venue]) {
      await markSourceRunning(ctx, s.id, { now: T0 });
      expect(await markSourceNeedsReconnect(ctx, s.id, "401 Unauthorized")).toBe(true);
    }
    expect(await markNeedsReconnect(ctx, connection.id, "401 Unauthorized")).toBe(true);
    expect(await dueIds([ctx.tenantId], at(1e6))).toEqual([]);
    expect(await markSourceRunning(ctx, onDefault.id)).toBeNull();
    expect((await getSourceOrThrow(ctx, onDefault.id)).sync).toMatchObject({ status: "NEEDS_RECONNECT", lastError: "401 Unauthorized" });

    await saveChannelConnection(ctx, { network: "TWITTER", credentials: { kind: "bearer", bearerToken: `${bearerToken}X` } });
    expect(await dueSet([ctx.tenantId], T0)).toEqual([onDefault.id, onConnection.id].sort());
    expect((await getSourceOrThrow(ctx, venue.id)).sync.status).toBe("NEEDS_RECONNECT"); // another network stays parked

    // disabling and re-enabling a connection resumes its parked sources as well
    await markSourceNeedsReconnect(ctx, onConnection.id, "revoked");
    await setChannelConnectionEnabled(ctx, connection.id, false);
    expect(await dueIds([ctx.tenantId], T0)).toEqual([onDefault.id]);
    await setChannelConnectionEnabled(ctx, connection.id, true);
    expect(await dueSet([ctx.tenantId], T0)).toEqual([onDefault.id, onConnection.id].sort());
  });

  it("resetSourceCursor forgets the position and nothing else", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const source = await createSource(ctx, { network: "TWITTER", kind: "HANDLE", value: "cursor" });
    const run = await markSourceRunning(ctx, source.id, { now: T0 });
    await markSourceSucceeded(ctx, source.id, { cursor: "42", nextRunAt: at(60), startedAt: run!.startedAt });
    expect(await resetSourceCursor(ctx, source.id)).toBe(true);
    expect((await getSourceOrThrow(ctx, source.id)).sync).toMatchObject({ status: "OK", hasCursor: false, nextRunAt: at(60).toISOString() });
  });
});
