// Foursquare check-ins through the real pipeline: the sandbox's Foursquare API and User Push, the
// push route handler, real BullMQ queues and workers, Postgres. Ledger invariants are asserted
// after every test by the setup file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { enqueue, getQueue, toJobId } from "../../../src/server/jobs/queues";
import { unsafeListDueCheckinProfiles } from "../../../src/server/pipeline/checkins/checkin-sync";
import { ingestPushedCheckin } from "../../../src/server/pipeline/checkins/ingest-pushed-checkin";
import { pollProfileCheckins } from "../../../src/server/pipeline/checkins/poll-checkins";
import { pushJobId } from "../../../src/server/pipeline/checkins/receive-push";
import { checkinPollJobId, scheduleDueCheckinPolls } from "../../../src/server/pipeline/checkins/schedule-checkin-polls";
import { getEnv } from "../../../src/server/env";
import { storeProfileTokens } from "../../../src/server/modules/social-profiles/profile-tokens";
import { startWorkers, type RunningWorkers } from "../../../src/workers/start-workers";
import { createTenantWithMember } from "../support/factories";
import { admin } from "../sandbox/sandbox-test-kit";
import {
  PUSH_SECRET,
  linkSwarmCustomer,
  postPush,
  profileState,
  sandboxCheckin,
  sandboxVenue,
  setPushUrl,
  setUpCheckinListening,
  startCheckinSandbox,
  startPushBridge,
  waitFor,
  waitForJob,
} from "./checkin-kit";

const db = () => getDb();
const FSQ_CHECKINS = "/v2/users/self/checkins";

describe("Foursquare check-ins: polling and push", () => {
  let sandbox: Awaited<ReturnType<typeof startCheckinSandbox>>;
  let bridge: Awaited<ReturnType<typeof startPushBridge>>;
  let workers: RunningWorkers;

  beforeAll(async () => {
    sandbox = await startCheckinSandbox();
    bridge = await startPushBridge();
    workers = startWorkers({ concurrency: 4 });
  });
  afterAll(async () => {
    await workers.close();
    await bridge.close();
    await sandbox.close();
  });

  interface Logged {
    seq: number;
    query: string;
    status: number;
  }
  async function checkinRequestsSince(sinceSeq: number): Promise<Logged[]> {
    const log = await admin<{ data: Logged[] }>(
      sandbox.url,
      "GET",
      `/__admin/requests?path_prefix=${encodeURIComponent(FSQ_CHECKINS)}&since_seq=${sinceSeq}&limit=10000`,
    );
    return log.data;
  }
  /** The sandbox logs a request when its response closes: wait until `count` have been logged. */
  function loggedCheckinRequests(sinceSeq: number, count: number): Promise<Logged[]> {
    return waitFor(async () => {
      const found = await checkinRequestsSince(sinceSeq);
      return found.length >= count ? found : null;
    }, `${count} check-in request(s) in the sandbox log`);
  }
  async function lastSeq(): Promise<number> {
    const log = await admin<{ data: Logged[] }>(sandbox.url, "GET", "/__admin/requests?limit=1");
    return log.data.at(-1)?.seq ?? 0;
  }

  it("polls a linked profile through the queue: each check-in at a brand venue is stored and paid once, other venues are not stored", async () => {
    await setPushUrl(sandbox.url, null);
    const { ctx } = await createTenantWithMember("OWNER");
    const { venueId, location } = await setUpCheckinListening(ctx, sandbox.url);
    const elsewhere = await sandboxVenue(sandbox.url, `Unrelated diner ${ctx.tenantSlug}`);
    const { customer, profileId, userId } = await linkSwarmCustomer(ctx, sandbox.url, `swarm.poll.${ctx.tenantSlug}`);
    const first = await sandboxCheckin(sandbox.url, userId, venueId, { shout: "Frozen yogurt time!" });
    const second = await sandboxCheckin(sandbox.url, userId, venueId);
    await sandboxCheckin(sandbox.url, userId, elsewhere, { shout: "somewhere private" });

    expect(await scheduleDueCheckinPolls()).toBeGreaterThanOrEqual(1);
    const polled = await waitFor(async () => {
      const p = await profileState(ctx, profileId);
      return p.checkinSyncStatus === "OK" ? p : null;
    }, "the profile's poll to finish");

    const mentions = await db().mention.findMany({ where: { tenantId: ctx.tenantId }, orderBy: { postedAt: "asc" } });
    expect(mentions.map((m) => m.externalId).sort()).toEqual([first.checkin.id, second.checkin.id].sort());
    for (const m of mentions) {
      expect(m).toMatchObject({ network: "FOURSQUARE", status: "CREDITED", customerId: customer.id, locationId: location.id, authorExternalId: userId });
      expect(m.url).toBe(`https://foursquare.com/user/${userId}/checkin/${m.externalId}`);
    }
    expect(mentions.map((m) => m.text).sort()).toEqual([`Checked in at Brand ${ctx.tenantSlug}`, "Frozen yogurt time!"].sort());
    expect(await db().mention.count({ where: { tenantId: ctx.tenantId, text: "somewhere private" } })).toBe(0);

    const entries = await db().ledgerEntry.findMany({ where: { tenantId: ctx.tenantId, customerId: customer.id } });
    expect(entries.map((e) => e.amount)).toEqual([20, 20]);
    expect((await db().pointBalance.findFirst({ where: { tenantId: ctx.tenantId, customerId: customer.id } }))?.balance).toBe(40);

    // The cursor is the newest check-in seen (the unrelated one counts: it was seen), and the next
    // run asks from there, minus the overlap; what it finds again is not paid again.
    const newest = Math.max(first.checkin.createdAt, second.checkin.createdAt);
    expect(polled.checkinCursor!.getTime()).toBeGreaterThanOrEqual(newest * 1000);
    expect(polled.checkinNextRunAt!.getTime()).toBeGreaterThan(polled.checkinLastRunAt!.getTime());
    expect(await unsafeListDueCheckinProfiles({ networks: ["FOURSQUARE"], staleRunMs: 60_000 })).not.toContainEqual(expect.objectContaining({ id: profileId }));

    const third = await sandboxCheckin(sandbox.url, userId, venueId, { shout: "third visit" });
    const before = await lastSeq();
    const again = await pollProfileCheckins(ctx, profileId);
    expect(again).toMatchObject({ status: "polled", totals: { stored: 1, credited: 1, pointsAwarded: 20 } });
    const asked = await loggedCheckinRequests(before, 1);
    expect(asked).toHaveLength(1);
    const params = new URLSearchParams(asked[0]!.query);
    expect(Number(params.get("afterTimestamp"))).toBe(Math.floor(polled.checkinCursor!.getTime() / 1000) - 60);
    expect(params.get("sort")).toBe("oldestfirst");
    expect((await profileState(ctx, profileId)).checkinCursor!.getTime()).toBe(third.checkin.createdAt * 1000);
    expect(await db().ledgerEntry.count({ where: { tenantId: ctx.tenantId } })).toBe(3);
  });

  it("the first run starts at the link: earlier check-ins are neither fetched nor paid", async () => {
    await setPushUrl(sandbox.url, null);
    const { ctx } = await createTenantWithMember("OWNER");
    const { venueId } = await setUpCheckinListening(ctx, sandbox.url);
    const handle = `swarm.early.${ctx.tenantSlug}`;
    await admin(sandbox.url, "POST", "/__admin/foursquare/users", { handle });
    const old = await sandboxCheckin(sandbox.url, handle, venueId, { created_at: Date.now() - 3 * 24 * 3_600_000 });
    const { profileId, userId } = await linkSwarmCustomer(ctx, sandbox.url, handle);
    const fresh = await sandboxCheckin(sandbox.url, userId, venueId);
    expect(await pollProfileCheckins(ctx, profileId)).toMatchObject({ status: "polled", totals: { fetched: 1, stored: 1 } });
    const ids = (await db().mention.findMany({ where: { tenantId: ctx.tenantId } })).map((m) => m.externalId);
    expect(ids).toEqual([fresh.checkin.id]);
    expect(ids).not.toContain(old.checkin.id);
  });

  it("pages through a long backlog oldest first, moving the cursor after each page", async () => {
    await setPushUrl(sandbox.url, null);
    const { ctx } = await createTenantWithMember("OWNER");
    const { venueId } = await setUpCheckinListening(ctx, sandbox.url);
    const linkedAt = new Date(Date.now() - 2 * 3_600_000);
    const { profileId, userId } = await linkSwarmCustomer(ctx, sandbox.url, `swarm.busy.${ctx.tenantSlug}`, linkedAt);
    const start = linkedAt.getTime() + 60_000;
    for (let i = 0; i < 260; i++) await sandboxCheckin(sandbox.url, userId, venueId, { created_at: start + i * 10_000 });
    const before = await lastSeq();
    const outcome = await pollProfileCheckins(ctx, profileId);
    expect(outcome).toMatchObject({ status: "polled", totals: { pages: 2, fetched: 261, stored: 260, credited: 260 } });
    // Page 2 re-asks page 1's last second (the boundary), which ingest drops as a duplicate.
    const asked = (await loggedCheckinRequests(before, 2)).map((r) => Number(new URLSearchParams(r.query).get("afterTimestamp")));
    expect(asked).toEqual([Math.floor(linkedAt.getTime() / 1000) - 1, Math.floor((start + 249 * 10_000) / 1000) - 1]);
    expect((await profileState(ctx, profileId)).checkinCursor!.getTime()).toBe(Math.floor((start + 259 * 10_000) / 1000) * 1000);
    expect(await db().ledgerEntry.count({ where: { tenantId: ctx.tenantId } })).toBe(260);
  });

  it("push and poll of the same check-in store one mention and pay one entry; a redelivered push adds nothing", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    await setPushUrl(sandbox.url, bridge.urlFor(ctx.tenantSlug));
    const { venueId, location } = await setUpCheckinListening(ctx, sandbox.url);
    const { customer, profileId, userId } = await linkSwarmCustomer(ctx, sandbox.url, `swarm.push.${ctx.tenantSlug}`);

    const created = await sandboxCheckin(sandbox.url, userId, venueId, { shout: "pushed to the app" });
    expect(created.push).toMatchObject({ status: "delivered", http_status: 200 });
    await waitForJob(pushJobId(ctx.tenantId, created.checkin.id));
    const pushed = await db().mention.findMany({ where: { tenantId: ctx.tenantId } });
    expect(pushed).toHaveLength(1);
    expect(pushed[0]).toMatchObject({
      externalId: created.checkin.id,
      text: "pushed to the app",
      status: "CREDITED",
      customerId: customer.id,
      locationId: location.id,
    });

    // Polling finds the same check-in: a duplicate, nothing paid.
    expect(await pollProfileCheckins(ctx, profileId)).toMatchObject({ status: "polled", totals: { atBrandVenues: 1, stored: 0, pointsAwarded: 0 } });

    // Foursquare delivers it again: first while the job is still known (not queued again), then
    // after the queue forgot it (a new job runs, and finds it stored).
    const form = new URLSearchParams({
      checkin: JSON.stringify({
        id: created.checkin.id,
        createdAt: created.checkin.createdAt,
        type: "checkin",
        shout: "pushed to the app",
        venue: { id: venueId, name: "Brand" },
      }),
      user: JSON.stringify({ id: userId, firstName: "Swarm" }),
      secret: PUSH_SECRET,
    }).toString();
    const job = await getQueue("listening").getJob(toJobId(pushJobId(ctx.tenantId, created.checkin.id)));
    expect((await postPush(ctx.tenantSlug, form)).status).toBe(200);
    expect((await getQueue("listening").getJob(toJobId(pushJobId(ctx.tenantId, created.checkin.id))))?.timestamp).toBe(job!.timestamp);
    await job!.remove();
    expect((await postPush(ctx.tenantSlug, form)).json).toMatchObject({ ok: true, status: "queued" });
    await waitForJob(pushJobId(ctx.tenantId, created.checkin.id));

    expect(await db().mention.count({ where: { tenantId: ctx.tenantId } })).toBe(1);
    const entries = await db().ledgerEntry.findMany({ where: { tenantId: ctx.tenantId } });
    expect(entries.map((e) => e.amount)).toEqual([20]);
  });

  it("a check-in pushed first and polled concurrently with its push job is still stored and paid once", async () => {
    await setPushUrl(sandbox.url, null);
    const { ctx } = await createTenantWithMember("OWNER");
    const { venueId } = await setUpCheckinListening(ctx, sandbox.url);
    const { profileId, userId } = await linkSwarmCustomer(ctx, sandbox.url, `swarm.race.${ctx.tenantSlug}`);
    const created = await sandboxCheckin(sandbox.url, userId, venueId);
    const pushed = { id: created.checkin.id, createdAt: created.checkin.createdAt, venue: { id: venueId, name: "Brand" }, user: { id: userId } };
    const [push, poll] = await Promise.all([ingestPushedCheckin(ctx, pushed), pollProfileCheckins(ctx, profileId)]);
    const stored = (push.status === "ingested" ? push.result.stored : 0) + (poll.status === "polled" ? poll.totals.stored : 0);
    expect(stored).toBe(1);
    expect(await db().mention.count({ where: { tenantId: ctx.tenantId } })).toBe(1);
    expect(await db().ledgerEntry.count({ where: { tenantId: ctx.tenantId } })).toBe(1);
  });

  it("refuses unverified pushes with 401 and malformed or stale ones with 400, storing nothing", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const { venueId } = await setUpCheckinListening(ctx, sandbox.url);
    const { userId } = await linkSwarmCustomer(ctx, sandbox.url, `swarm.bad.${ctx.tenantSlug}`);
    const now = Math.floor(Date.now() / 1000);
    const checkin = (createdAt = now) => JSON.stringify({ id: "5a4d00000000000000000001", createdAt, type: "checkin", venue: { id: venueId, name: "Brand" } });
    const user = JSON.stringify({ id: userId });
    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

    const wrong = await postPush(ctx.tenantSlug, form({ checkin: checkin(), user, secret: "not-the-push-secret" }));
    expect(wrong).toMatchObject({ status: 401, type: "application/problem+json", json: { status: 401 } });
    expect((await postPush(ctx.tenantSlug, form({ checkin: checkin(), user }))).status).toBe(401);
    expect(
      (
        await postPush(
          ctx.tenantSlug,
          JSON.stringify({ checkin: JSON.parse(checkin()), user: JSON.parse(user), secret: `${PUSH_SECRET}x` }),
          "application/json",
        )
      ).status,
    ).toBe(401);
    expect((await postPush("no-such-tenant", form({ checkin: checkin(), user, secret: PUSH_SECRET }))).status).toBe(401);

    const malformed = await postPush(ctx.tenantSlug, form({ checkin: "{not json", user, secret: PUSH_SECRET }));
    expect(malformed).toMatchObject({ status: 400, type: "application/problem+json" });
    expect((await postPush(ctx.tenantSlug, form({ checkin: JSON.stringify({ id: 5 }), secret: PUSH_SECRET }))).status).toBe(400);
    const stale = await postPush(ctx.tenantSlug, form({ checkin: checkin(now - getEnv().FOURSQUARE_PUSH_MAX_AGE_SECONDS - 60), user, secret: PUSH_SECRET }));
    expect(stale).toMatchObject({ status: 400, json: { detail: expect.stringMatching(/replay window/) } });

    // A tenant without a Foursquare connection cannot be pushed to at all.
    const other = await createTenantWithMember("OWNER");
    expect((await postPush(other.ctx.tenantSlug, form({ checkin: checkin(), user, secret: PUSH_SECRET }))).status).toBe(401);

    // The sandbox's own delivery with a wrong secret is refused the same way.
    await setPushUrl(sandbox.url, bridge.urlFor(ctx.tenantSlug), "a-secret-foursquare-never-gave-us");
    const delivered = await sandboxCheckin(sandbox.url, userId, venueId);
    expect(delivered.push).toMatchObject({ status: "failed", http_status: 401 });
    await setPushUrl(sandbox.url, null);

    expect(await db().mention.count({ where: { tenantId: ctx.tenantId } })).toBe(0);
    const queued = await getQueue("listening").getJobs(["waiting", "delayed", "active", "completed", "failed"]);
    expect(queued.filter((j) => j.name === "checkins.ingest-push" && (j.data as { tenantId: string }).tenantId === ctx.tenantId)).toEqual([]);
  });

  it("acknowledges a pushed check-in at an unrelated venue without queueing or storing it", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    await setPushUrl(sandbox.url, bridge.urlFor(ctx.tenantSlug));
    await setUpCheckinListening(ctx, sandbox.url);
    const elsewhere = await sandboxVenue(sandbox.url, `Gym ${ctx.tenantSlug}`);
    const { userId } = await linkSwarmCustomer(ctx, sandbox.url, `swarm.gym.${ctx.tenantSlug}`);
    const created = await sandboxCheckin(sandbox.url, userId, elsewhere);
    expect(created.push).toMatchObject({ status: "delivered", http_status: 200 });
    await setPushUrl(sandbox.url, null);
    expect(await getQueue("listening").getJob(toJobId(pushJobId(ctx.tenantId, created.checkin.id)))).toBeUndefined();
    expect(await db().mention.count({ where: { tenantId: ctx.tenantId } })).toBe(0);
  });

  it("does not store pushed check-ins of an account that is not linked here", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const { venueId } = await setUpCheckinListening(ctx, sandbox.url);
    const outcome = await ingestPushedCheckin(ctx, {
      id: "5a4d00000000000000000099",
      createdAt: Math.floor(Date.now() / 1000),
      venue: { id: venueId, name: "Brand" },
      user: { id: "77777777" },
    });
    expect(outcome).toEqual({ status: "ignored", reason: "author is not a linked customer" });
    expect(await db().mention.count({ where: { tenantId: ctx.tenantId } })).toBe(0);
  });

  it("waits for the reset when Foursquare refuses for quota, then catches up without paying twice", async () => {
    await setPushUrl(sandbox.url, null);
    const { ctx } = await createTenantWithMember("OWNER");
    const { venueId } = await setUpCheckinListening(ctx, sandbox.url);
    const { profileId, userId } = await linkSwarmCustomer(ctx, sandbox.url, `swarm.quota.${ctx.tenantSlug}`);
    await sandboxCheckin(sandbox.url, userId, venueId);
    await admin(sandbox.url, "POST", "/__admin/faults", { kind: "rate_limit", count: 1, path_prefix: FSQ_CHECKINS });
    const throttled = await pollProfileCheckins(ctx, profileId);
    expect(throttled.status).toBe("throttled");
    const until = (throttled as { until: Date }).until;
    const row = await profileState(ctx, profileId);
    expect(row).toMatchObject({ checkinSyncStatus: "THROTTLED", checkinThrottleCount: 1, status: "ACTIVE" });
    expect(row.checkinNextRunAt!.getTime()).toBe(until.getTime());
    expect(until.getTime()).toBeGreaterThan(Date.now());
    expect(await db().mention.count({ where: { tenantId: ctx.tenantId } })).toBe(0);

    // Not due before the reset; due after it.
    const due = (at: Date) => unsafeListDueCheckinProfiles({ networks: ["FOURSQUARE"], now: at, staleRunMs: 60_000 });
    expect((await due(new Date(until.getTime() - 1_000))).map((p) => p.id)).not.toContain(profileId);
    const afterReset = new Date(until.getTime() + 1_000);
    expect((await due(afterReset)).map((p) => p.id)).toContain(profileId);
    expect(await pollProfileCheckins(ctx, profileId, afterReset)).toMatchObject({ status: "polled", totals: { stored: 1, credited: 1 } });
    expect(await db().ledgerEntry.count({ where: { tenantId: ctx.tenantId } })).toBe(1);
  });

  it("a 429 without a reset header waits a default window; a spent budget in the headers delays the next run", async () => {
    await setPushUrl(sandbox.url, null);
    const { ctx } = await createTenantWithMember("OWNER");
    const { venueId } = await setUpCheckinListening(ctx, sandbox.url);
    const { profileId, userId } = await linkSwarmCustomer(ctx, sandbox.url, `swarm.429.${ctx.tenantSlug}`);
    await sandboxCheckin(sandbox.url, userId, venueId);
    await admin(sandbox.url, "POST", "/__admin/faults", { kind: "server_error", status: 429, count: 1, path_prefix: FSQ_CHECKINS });
    const t0 = Date.now();
    const throttled = await pollProfileCheckins(ctx, profileId);
    const t1 = Date.now();
    expect(throttled.status).toBe("throttled");
    const until = throttled.status === "throttled" ? throttled.until.getTime() : 0;
    expect(until).toBeGreaterThanOrEqual(t0 + 15 * 60_000);
    expect(until).toBeLessThanOrEqual(t1 + 15 * 60_000);
    expect((await profileState(ctx, profileId)).checkinSyncStatus).toBe("THROTTLED");

    // One request left in the hour: the run that spends it is told "remaining 0" and the next
    // run waits for the window to pass (an hour, as Foursquare sends no reset on success).
    await admin(sandbox.url, "PUT", "/__admin/rate-limits", { foursquare_hourly: 1 });
    try {
      const later = new Date(until + 1_000);
      const run = await pollProfileCheckins(ctx, profileId, later);
      expect(run).toMatchObject({ status: "polled", totals: { stored: 1 } });
      expect((run as { nextRunAt: Date }).nextRunAt.getTime()).toBeGreaterThanOrEqual(Date.now() + 59 * 60_000);
    } finally {
      await admin(sandbox.url, "PUT", "/__admin/rate-limits", { foursquare_hourly: 500 });
    }
  });

  it("a refused token marks the profile 'needs reconnect' once, audited once, and it is not polled again", async () => {
    await setPushUrl(sandbox.url, null);
    const { ctx } = await createTenantWithMember("OWNER");
    await setUpCheckinListening(ctx, sandbox.url);
    const { profileId } = await linkSwarmCustomer(ctx, sandbox.url, `swarm.revoked.${ctx.tenantSlug}`);
    const revoked = "REVOKEDTOKEN0000000000000000000000000000000000";
    await db().$transaction((tx) => storeProfileTokens(tx, ctx, profileId, { accessToken: revoked, refreshToken: null, expiresAt: null, scopes: [] }));

    const outcome = await pollProfileCheckins(ctx, profileId);
    expect(outcome).toMatchObject({ status: "needs_reconnect", reason: expect.stringMatching(/401 invalid_auth/) });
    const row = await profileState(ctx, profileId);
    expect(row).toMatchObject({ status: "NEEDS_RECONNECT", checkinSyncStatus: "NEEDS_RECONNECT" });
    expect(row.checkinLastError).not.toContain(revoked);

    expect(await pollProfileCheckins(ctx, profileId)).toMatchObject({ status: "skipped" });
    expect((await unsafeListDueCheckinProfiles({ networks: ["FOURSQUARE"], staleRunMs: 60_000 })).map((p) => p.id)).not.toContain(profileId);
    const audits = await db().auditLog.findMany({ where: { tenantId: ctx.tenantId, action: "social_profile.needs_reconnect", targetId: profileId } });
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits[0]!.data)).not.toContain(revoked);
  });

  it("retries a transient failure with backoff through the queue and then stores the check-in", async () => {
    await setPushUrl(sandbox.url, null);
    const { ctx } = await createTenantWithMember("OWNER");
    const { venueId } = await setUpCheckinListening(ctx, sandbox.url);
    const { profileId, userId } = await linkSwarmCustomer(ctx, sandbox.url, `swarm.flaky.${ctx.tenantSlug}`);
    const created = await sandboxCheckin(sandbox.url, userId, venueId);
    const before = await lastSeq();
    await admin(sandbox.url, "POST", "/__admin/faults", { kind: "server_error", status: 503, count: 1, path_prefix: FSQ_CHECKINS });

    // This profile's poll only (other tests' profiles may be due too): the job the scheduler makes.
    await enqueue("checkins.poll-profile", { tenantId: ctx.tenantId, profileId }, { jobId: checkinPollJobId(profileId) });
    await waitFor(async () => (await profileState(ctx, profileId)).checkinSyncStatus === "OK", "BullMQ's retry to succeed");
    expect((await loggedCheckinRequests(before, 2)).map((r) => r.status)).toEqual([503, 200]);
    const mention = await db().mention.findFirst({ where: { tenantId: ctx.tenantId } });
    expect(mention).toMatchObject({ externalId: created.checkin.id, status: "CREDITED" });
  });

  it("does not schedule polls for tenants that track no venue", async () => {
    await setPushUrl(sandbox.url, null);
    const { ctx } = await createTenantWithMember("OWNER");
    const { profileId } = await linkSwarmCustomer(ctx, sandbox.url, `swarm.novenue.${ctx.tenantSlug}`);
    expect((await unsafeListDueCheckinProfiles({ networks: ["FOURSQUARE"], staleRunMs: 60_000 })).map((p) => p.id)).not.toContain(profileId);
  });
});
