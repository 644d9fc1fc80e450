import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb, unsafeCrossTenantDb } from "../../../src/server/db/client";
import { findQueuedJob, getQueue } from "../../../src/server/jobs/queues";
import { registerSchedulers } from "../../../src/server/jobs/schedulers";
import { saveChannelConnection } from "../../../src/server/modules/channels/channel.service";
import { unsafeListTenantsWithDueProfiles } from "../../../src/server/modules/social-profiles/due-profiles";
import { refreshDueProfiles } from "../../../src/server/pipeline/refresh/refresh-profiles";
import { refreshJobId, scheduleProfileRefreshes } from "../../../src/server/pipeline/refresh/schedule-refresh";
import { refreshTenantHandler } from "../../../src/server/pipeline/sharing/sharing.handlers";
import { DEV_BEARER_TOKEN } from "../../../src/sandbox/start-sandbox";
import { admin } from "../sandbox/sandbox-test-kit";
import { createTenantWithMember } from "../support/factories";
import { startPipelineSandbox } from "./pipeline-kit";

const DAY = 24 * 3_600_000;
let sandbox: Awaited<ReturnType<typeof startPipelineSandbox>>;

async function tenant(profileRefreshDays = 30): Promise<TenantContext> {
  const { ctx } = await createTenantWithMember("OWNER");
  await unsafeCrossTenantDb().tenant.update({ where: { id: ctx.tenantId }, data: { profileRefreshDays } });
  await saveChannelConnection(ctx, { network: "TWITTER", credentials: { kind: "bearer", bearerToken: DEV_BEARER_TOKEN } });
  return ctx;
}

interface Seeded {
  profileId: string;
  userId: string;
  username: string;
}

/** `count` sandbox users, each linked to a customer of the tenant with stale data (0 followers, an old handle). */
async function linkedProfiles(ctx: TenantContext, count: number, refreshedAt: Date | null = null): Promise<Seeded[]> {
  const tag = randomUUID().replace(/-/g, "").slice(0, 6);
  const users = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const username = `r${tag}_${i}`;
      const user = await admin<{ id: string }>(sandbox.url, "POST", "/__admin/users", {
        username,
        name: `Fan ${i}`,
        followers_count: 1_000 + i,
        following_count: i,
      });
      return { userId: user.id, username };
    }),
  );
  const db = unsafeCrossTenantDb();
  const customers = await db.customer.createManyAndReturn({
    data: users.map((u) => ({ tenantId: ctx.tenantId, displayName: u.username })),
    select: { id: true },
  });
  const profiles = await db.socialProfile.createManyAndReturn({
    data: users.map((u, i) => ({
      tenantId: ctx.tenantId,
      customerId: customers[i]!.id,
      network: "TWITTER" as const,
      externalUserId: u.userId,
      handle: `old_${u.username}`,
      followersCount: 0,
      followingCount: 0,
      refreshedAt,
      linkedAt: new Date(),
      scopes: [],
    })),
    select: { id: true, externalUserId: true },
  });
  const byUser = new Map(profiles.map((p) => [p.externalUserId, p.id]));
  return users.map((u) => ({ ...u, profileId: byUser.get(u.userId)! }));
}

async function userLookups(): Promise<string[][]> {
  const log = await admin<{ data: { method: string; path: string; query: string }[] }>(
    sandbox.url,
    "GET",
    "/__admin/requests?limit=10000&path_prefix=/2/users",
  );
  return log.data.filter((r) => r.method === "GET" && r.path === "/2/users").map((r) => (new URLSearchParams(r.query).get("ids") ?? "").split(","));
}

async function profilesOf(ctx: TenantContext) {
  return getDb().socialProfile.findMany({ where: { tenantId: ctx.tenantId }, orderBy: { id: "asc" } });
}

describe("refreshing linked profiles", () => {
  beforeAll(async () => {
    sandbox = await startPipelineSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });
  beforeEach(async () => {
    await admin(sandbox.url, "DELETE", "/__admin/requests");
    await admin(sandbox.url, "DELETE", "/__admin/faults");
  });

  it("updates counts, handles and names of due profiles in lookups of 100, then leaves them until the next cycle", async () => {
    const ctx = await tenant();
    const seeded = await linkedProfiles(ctx, 150);
    await admin(sandbox.url, "PATCH", `/__admin/users/${seeded[0]!.username}`, { followers_count: 987_654, following_count: 12, name: "Famous Fan" });
    const now = new Date();

    const result = await refreshDueProfiles(ctx, { network: "TWITTER", now });
    expect(result).toMatchObject({ status: "done", refreshed: 150, lookups: 2, missing: [], more: false });
    const calls = await userLookups();
    expect(calls.map((ids) => ids.length).sort((a, b) => a - b)).toEqual([50, 100]);
    expect(new Set(calls.flat())).toEqual(new Set(seeded.map((s) => s.userId)));

    const rows = new Map((await profilesOf(ctx)).map((p) => [p.id, p]));
    const first = rows.get(seeded[0]!.profileId)!;
    expect(first).toMatchObject({ followersCount: 987_654, followingCount: 12, handle: seeded[0]!.username, displayName: "Famous Fan" });
    expect(first.refreshedAt?.getTime()).toBe(now.getTime());
    seeded.slice(1).forEach((s, i) => {
      expect(rows.get(s.profileId)).toMatchObject({ followersCount: 1_001 + i, followingCount: i + 1, handle: s.username, displayName: `Fan ${i + 1}` });
    });

    // A week later nothing is due, whatever changed upstream.
    await admin(sandbox.url, "PATCH", `/__admin/users/${seeded[1]!.username}`, { followers_count: 5 });
    const soon = await refreshDueProfiles(ctx, { network: "TWITTER", now: new Date(now.getTime() + 7 * DAY) });
    expect(soon).toMatchObject({ status: "done", refreshed: 0, lookups: 0 });
    expect((await getDb().socialProfile.findFirst({ where: { tenantId: ctx.tenantId, id: seeded[1]!.profileId } }))!.followersCount).toBe(1_001);

    // A month later everything is due again and the change arrives.
    const later = await refreshDueProfiles(ctx, { network: "TWITTER", now: new Date(now.getTime() + 30 * DAY) });
    expect(later).toMatchObject({ status: "done", refreshed: 150, lookups: 2 });
    expect((await getDb().socialProfile.findFirst({ where: { tenantId: ctx.tenantId, id: seeded[1]!.profileId } }))!.followersCount).toBe(5);
  });

  it("follows each tenant's profileRefreshDays, and the scheduler fans out only due tenants", async () => {
    const weekly = await tenant(7);
    const monthly = await tenant(30);
    const tenDaysAgo = new Date(Date.now() - 10 * DAY);
    const [w] = await linkedProfiles(weekly, 1, tenDaysAgo);
    const [m] = await linkedProfiles(monthly, 1, tenDaysAgo);

    const due = (await unsafeListTenantsWithDueProfiles()).filter((d) => [weekly.tenantId, monthly.tenantId].includes(d.tenantId));
    expect(due).toEqual([{ tenantId: weekly.tenantId, network: "TWITTER", due: 1 }]);

    expect(await refreshDueProfiles(monthly, { network: "TWITTER" })).toMatchObject({ refreshed: 0, lookups: 0 });
    expect((await getDb().socialProfile.findFirst({ where: { tenantId: monthly.tenantId, id: m!.profileId } }))!.followersCount).toBe(0);

    await scheduleProfileRefreshes();
    expect(await findQueuedJob("profiles.refresh-tenant", refreshJobId(monthly.tenantId, "TWITTER"))).toBeUndefined();
    const job = await findQueuedJob("profiles.refresh-tenant", refreshJobId(weekly.tenantId, "TWITTER"));
    expect(job?.data).toEqual({ tenantId: weekly.tenantId, network: "TWITTER" });

    await refreshTenantHandler(job!.data, job!);
    expect(await getDb().socialProfile.findFirst({ where: { tenantId: weekly.tenantId, id: w!.profileId } })).toMatchObject({
      followersCount: 1_000,
      handle: w!.username,
    });
  });

  it("registers the refresh and sweep schedulers once, however many workers start", async () => {
    await Promise.all([registerSchedulers(), registerSchedulers(), registerSchedulers()]);
    const schedulers = await getQueue("maintenance").getJobSchedulers();
    const ours = schedulers.filter((s) => ["profiles-refresh-scheduler", "share-sweep-scheduler"].includes(s.key));
    expect(ours.map((s) => [s.key, s.name, s.every]).sort()).toEqual([
      ["profiles-refresh-scheduler", "profiles.schedule-refresh", 3_600_000],
      ["share-sweep-scheduler", "share.sweep", 300_000],
    ]);
  });

  it("keeps a profile the network no longer returns, with a note", async () => {
    const ctx = await tenant();
    const [live] = await linkedProfiles(ctx, 1);
    const gone = await unsafeCrossTenantDb().socialProfile.create({
      data: {
        tenantId: ctx.tenantId,
        network: "TWITTER",
        externalUserId: "999999999999999",
        handle: "vanished",
        followersCount: 42,
        customerId: (await unsafeCrossTenantDb().customer.create({ data: { tenantId: ctx.tenantId, displayName: "Gone" } })).id,
        scopes: [],
      },
    });

    const result = await refreshDueProfiles(ctx, { network: "TWITTER" });
    expect(result).toMatchObject({ status: "done", refreshed: 1, missing: [gone.id], lookups: 1 });
    const kept = await getDb().socialProfile.findFirst({ where: { tenantId: ctx.tenantId, id: gone.id } });
    expect(kept).toMatchObject({ handle: "vanished", followersCount: 42 });
    expect(kept!.refreshedAt).not.toBeNull();
    const notes = await getDb().auditLog.findMany({ where: { tenantId: ctx.tenantId, action: "social_profile.not_found_upstream" } });
    expect(notes.map((n) => n.targetId)).toEqual([gone.id]);
    expect((await getDb().socialProfile.findFirst({ where: { tenantId: ctx.tenantId, id: live!.profileId } }))!.followersCount).toBe(1_000);
  });

  it("a rate limit stops the run with throttledUntil; the rest stays due and is done next time", async () => {
    const ctx = await tenant();
    await linkedProfiles(ctx, 150);
    // One users-lookup call left in this window: the first batch passes, the second gets X's 429.
    await admin(sandbox.url, "PUT", "/__admin/rate-limits", { limits: { "GET /2/users": { app: 1 } } });
    let throttled;
    try {
      throttled = await refreshDueProfiles(ctx, { network: "TWITTER" });
    } finally {
      await admin(sandbox.url, "PUT", "/__admin/rate-limits", { limits: { "GET /2/users": { app: 300 } } });
    }
    expect(throttled).toMatchObject({ status: "throttled", refreshed: 100, lookups: 2, more: true });
    const until = throttled.throttledUntil!.getTime();
    expect(until).toBeGreaterThan(sandbox.clock.now() + 14 * 60_000);
    expect(until).toBeLessThanOrEqual(sandbox.clock.now() + 15 * 60_000 + 1_000);
    const rows = await profilesOf(ctx);
    expect(rows.filter((r) => r.refreshedAt === null)).toHaveLength(50);

    const next = await refreshDueProfiles(ctx, { network: "TWITTER" });
    expect(next).toMatchObject({ status: "done", refreshed: 50, lookups: 1 });
    expect((await profilesOf(ctx)).every((r) => r.refreshedAt !== null && r.followersCount >= 1_000)).toBe(true);

    // A 429 on the very first call: nothing written, the whole set still due.
    const other = await tenant();
    await linkedProfiles(other, 3);
    await admin(sandbox.url, "POST", "/__admin/faults", { kind: "rate_limit", count: 1, path_prefix: "/2/users" });
    expect(await refreshDueProfiles(other, { network: "TWITTER" })).toMatchObject({ status: "throttled", refreshed: 0, throttledUntil: expect.any(Date) });
    expect((await profilesOf(other)).every((r) => r.refreshedAt === null)).toBe(true);
  });

  it("refused app credentials mark the channel connection, not the profiles", async () => {
    const ctx = await tenant();
    await linkedProfiles(ctx, 2);
    await saveChannelConnection(ctx, { network: "TWITTER", credentials: { kind: "bearer", bearerToken: "AAAA-not-a-valid-sandbox-token-AAAA" } });
    expect(await refreshDueProfiles(ctx, { network: "TWITTER" })).toMatchObject({ status: "needs_reconnect", refreshed: 0 });
    expect(await getDb().channelConnection.findFirst({ where: { tenantId: ctx.tenantId } })).toMatchObject({ status: "NEEDS_RECONNECT" });
    expect((await profilesOf(ctx)).map((p) => p.status)).toEqual(["ACTIVE", "ACTIVE"]);
  });
});
