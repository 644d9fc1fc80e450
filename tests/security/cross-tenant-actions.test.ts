// The cross-tenant matrix for server actions (ACTION_CASES in cross-tenant-matrix.ts): tenant A's
// owner calls every tenant-scoped server action with tenant B's slug in the form, and with A's
// own slug and B's ids. Each answers NOT_FOUND (or, for a reference inside a create, exactly what
// a nonexistent id answers), and every row of tenant B is unchanged afterwards.
//
// Why this tier: the exported action functions are what Next calls after decoding the POST, so
// calling them with a real FormData runs the real guard (tenantAction: session → membership of the
// tenant named in the form → permission → zod) and the real services on real Postgres and Redis.
// Only the next-auth session lookup is replaced. Next's own Origin check on the action POST is the
// bad-input/headers cases' subject; the action-id encoding over HTTP is Next's private format and
// would make these cases brittle without testing anything of ours.
import { UnrecoverableError, Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ActionState } from "../../src/server/http/action-state";
import type { SessionUser } from "../../src/server/http/session";
import { addMember, createTenantWithMember, makeCustomer } from "../integration/support/factories";
import { ACTION_CASES, type FormFields, type VictimIds } from "./cross-tenant-matrix";
import { snapshotTenant } from "./support/tenant-snapshot";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("../../src/server/http/session", async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  getSessionUser: async () => session.user,
}));

const { unsafeCrossTenantDb } = await import("../../src/server/db/client");
const { enqueue, getQueue, QUEUE_PREFIX, redisQueueName } = await import("../../src/server/jobs/queues");
const { createRedis } = await import("../../src/server/redis");
const { createSegment } = await import("../../src/server/modules/segments/segment.service");
const { createCampaign } = await import("../../src/server/modules/campaigns/campaign.service");
const { createPointRule } = await import("../../src/server/modules/rules/point-rule.service");
const { saveChannelConnection } = await import("../../src/server/modules/channels/channel.service");
const { createSource } = await import("../../src/server/modules/listening/source.service");
const { createLocation } = await import("../../src/server/modules/listening/location.service");
const { inviteMember } = await import("../../src/server/modules/members/member.service");
const { createTier } = await import("../../src/server/modules/tiers/tier.service");
const { submitFeedback } = await import("../../src/server/modules/feedback/submit-feedback");
const { saveInboxView } = await import("../../src/server/modules/mentions/inbox/inbox-views");
const { createApiKey } = await import("../../src/server/modules/api-keys/api-keys.service");
const { uploadCustomerImport } = await import("../../src/server/modules/customer-import/customer-import.service");
const { startStaffSession, checkStaffSession } = await import("../../src/server/auth/staff-sessions");
const { getEnv, resetEnvCache } = await import("../../src/server/env");
const { adjustPoints } = await import("../../src/server/modules/ledger/adjust-points");
const { createReward } = await import("../../src/server/modules/rewards/reward.service");
const { uploadRewardCodes } = await import("../../src/server/modules/rewards/reward-codes.service");
const { redeemReward } = await import("../../src/server/modules/rewards/redeem-reward");

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

/** "ACTION t/[tenant]/customers/actions.ts#updateCustomerAction" → the exported function. */
async function loadAction(key: string): Promise<Action> {
  const [, module, name] = /^ACTION (.+)#(\w+)$/.exec(key)!;
  const exports = (await import(`../../src/app/${module!.replace(/\.ts$/, "")}`)) as Record<string, unknown>;
  const action = exports[name!];
  if (typeof action !== "function") throw new Error(`${key}: no such exported function`);
  return action as Action;
}

function formOf(tenant: string, fields: FormFields): FormData {
  const form = new FormData();
  form.set("tenant", tenant);
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
  }
  return form;
}

/** A's attempt must be refused as NOT_FOUND: the form state carries AppError.notFound's message. */
function expectNotFound(state: ActionState, label: string) {
  expect(state.status, label).toBe("error");
  expect(state.status === "error" ? state.message : "", label).toMatch(/^[a-z ]+ not found$/);
}

/** The part of a refused form state that tells the caller something (the echo of its own form aside). */
const answer = (state: ActionState) => (state.status === "error" ? { status: state.status, message: state.message, fieldErrors: state.fieldErrors } : state);

/**
 * Tenant B's failed job: a poll of B's source (a TENANT job naming B, so only the tenant check can
 * refuse A), failed for good by a worker whose handler throws an unrecoverable error.
 */
async function failPollOf(tenantId: string, sourceId: string): Promise<string> {
  const jobId = (await enqueue("listening.poll-source", { tenantId, sourceId, cursor: null }, { attempts: 1, jobId: `poll:${sourceId}` }))!;
  await new Promise<void>((resolve) => {
    const worker = new Worker(
      redisQueueName("listening"),
      async () => {
        throw new UnrecoverableError("upstream down");
      },
      { connection: createRedis("worker"), prefix: QUEUE_PREFIX },
    );
    worker.on("failed", () => {
      void worker.close().then(() => resolve());
    });
  });
  return jobId;
}

let a: Awaited<ReturnType<typeof createTenantWithMember>>;
let b: Awaited<ReturnType<typeof createTenantWithMember>>;
let ids: VictimIds;
/** A live session of B's admin: removing or demoting them would end it (sessions carry no tenantId, so the snapshot misses them). */
let victimSession: { id: string; userId: string };

beforeAll(async () => {
  b = await createTenantWithMember("OWNER", "Victim brand");
  a = await createTenantWithMember("OWNER", "Attacker brand");
  const ctx = b.ctx;
  const customer = await makeCustomer(ctx, { displayName: "Victim customer" });
  const segment = await createSegment(ctx, { name: "Victim segment", filter: { lifecycleStages: ["LOYAL"] } });
  const campaign = await createCampaign(ctx, {
    name: "Victim campaign",
    startsAt: new Date(Date.now() - 3_600_000),
    endsAt: new Date(Date.now() + 7 * 86_400_000),
    multiplier: 2,
    segmentId: segment.id,
  });
  const rule = await createPointRule(ctx, { network: "TWITTER", action: "MENTION", name: "Victim rule", basePoints: 7 });
  const channel = await saveChannelConnection(ctx, { network: "TWITTER", credentials: { kind: "bearer", bearerToken: "victim-bearer-token-0123456789" } });
  const source = await createSource(ctx, { network: "TWITTER", kind: "KEYWORD", value: "victimword" });
  const location = await createLocation(ctx, { name: "Victim store", foursquareVenueId: "5a4d000000000000000000b1" });
  // A colour and a logo of B's own, which A's brand actions must leave as they are.
  await unsafeCrossTenantDb().tenant.update({
    where: { id: ctx.tenantId },
    data: { brandColor: "#0f766e", logoKey: `${ctx.tenantId}/logo/${"ab".repeat(16)}.png` },
  });
  const mention = await unsafeCrossTenantDb().mention.create({
    data: {
      tenantId: ctx.tenantId,
      network: "TWITTER",
      externalId: "1900000000000000001",
      authorExternalId: "44000001",
      authorHandle: "victimfan",
      authorFollowers: 10,
      text: "love victimword",
      postedAt: new Date(),
      matchedKeywords: ["victimword"],
    },
  });
  // A prospect of B's (the prospects actions name its author, VICTIM_AUTHOR in the matrix).
  await unsafeCrossTenantDb().mention.create({
    data: {
      tenantId: ctx.tenantId,
      network: "TWITTER",
      externalId: "1900000000000000002",
      authorExternalId: "victim-author",
      authorHandle: "victimprospect",
      authorFollowers: 500,
      text: "victimword is great",
      postedAt: new Date(),
      matchedKeywords: ["victimword"],
      sentimentLabel: "PROMOTER",
      status: "PROSPECT",
    },
  });
  const invitation = await inviteMember(ctx, { email: "new.admin@victim.test", role: "ADMIN" });
  const admin = await addMember(ctx, "ADMIN");
  const membership = await unsafeCrossTenantDb().membership.findUniqueOrThrow({
    where: { tenantId_userId: { tenantId: ctx.tenantId, userId: admin.user.id } },
  });
  victimSession = { id: await startStaffSession(admin.user.id), userId: admin.user.id };
  const job = await failPollOf(ctx.tenantId, source.id);
  // A code-pool reward with codes left and one fulfilled redemption: cancel, fulfil, upload, edit
  // and archive would all succeed for B's own staff, so only the tenant check can refuse A.
  const reward = await createReward(ctx, { name: "Victim reward", cost: 10, fulfilment: "CODE_POOL" });
  await uploadRewardCodes(ctx, { rewardId: reward.id, text: "VICTIM-1\nVICTIM-2" });
  await adjustPoints(ctx, { customerId: customer.id, amount: 50, reason: "victim balance", idempotencyKey: "victim-seed" });
  const { redemption } = await redeemReward(ctx, { customerId: customer.id, rewardId: reward.id, idempotencyKey: "victim-redemption" });
  const tier = await createTier(ctx, { name: "Victim tier", threshold: 500 });
  const feedback = await submitFeedback(
    { tenantId: ctx.tenantId, tenantSlug: ctx.tenantSlug, customerId: customer.id, actor: { type: "CUSTOMER", id: customer.id } },
    { score: 2, comment: "victim's complaint", locationId: location.id },
  );
  // An X account linked to B's customer, with a token: unlinking it would revoke B's customer's grant.
  const profile = await unsafeCrossTenantDb().socialProfile.create({
    data: {
      tenantId: ctx.tenantId,
      customerId: customer.id,
      network: "TWITTER",
      externalUserId: "44000002",
      handle: "victimlinked",
      status: "ACTIVE",
      linkedAt: new Date(),
      scopes: ["tweet.read", "users.read"],
    },
  });
  // A tag on B's mention: A's untag must not find it.
  await unsafeCrossTenantDb().mentionTag.create({ data: { tenantId: ctx.tenantId, mentionId: mention.id, tag: "victim-tag" } });
  // A saved inbox view of B's owner: deleting it by id must find nothing for A.
  const view = await saveInboxView(ctx, { name: "Victim view", filters: { network: "TWITTER" } });
  // B's API key: A's revoke by id must find nothing.
  const { key: apiKey } = await createApiKey(ctx, { name: "Victim POS", scopes: ["customers:read"] });
  // B's webhook endpoint, stored as the form would (its secret is never opened by a refused action).
  const webhook = await unsafeCrossTenantDb().webhook.create({
    data: {
      tenantId: ctx.tenantId,
      url: "https://victim.example.com/hooks",
      description: "Victim CRM",
      secretCiphertext: "unused",
      events: ["customer.created"],
    },
  });
  // B's uploaded customer CSV: A's check or run of it by id must find nothing.
  const customerImport = await uploadCustomerImport(ctx, { name: "victim.csv", bytes: new TextEncoder().encode("name,email\nVictim,victim-import@b.test\n") });
  ids = {
    webhook: webhook.id,
    customerImport: customerImport.id,
    apiKey: apiKey.id,
    view: view.id,
    profile: profile.id,
    reward: reward.id,
    redemption: redemption.id,
    customer: customer.id,
    segment: segment.id,
    campaign: campaign.id,
    rule: rule.id,
    source: source.id,
    mention: mention.id,
    location: location.id,
    channel: channel.id,
    job,
    member: membership.id,
    invitation: invitation.id,
    tier: tier.id,
    feedback: feedback.id,
  };
  session.user = { id: a.user.id, email: a.user.email, name: a.user.name ?? "" };
});

afterAll(() => {
  session.user = null;
});

describe("cross-tenant server actions", () => {
  it("B's failed job is there to be attacked", async () => {
    const job = await getQueue("listening").getJob(ids.job!);
    expect(await job?.getState()).toBe("failed");
    expect(job?.data).toMatchObject({ tenantId: b.tenant.id });
    expect(ids.member).toMatch(/^mem_/);
    expect(await checkStaffSession(victimSession.id, victimSession.userId)).toEqual({ alive: true });
  });

  for (const [key, testCase] of Object.entries(ACTION_CASES)) {
    it(`${key.replace(/^ACTION /, "")} refuses tenant B's objects`, async () => {
      const action = await loadAction(key);
      const before = await snapshotTenant(process.env.DATABASE_URL!, b.tenant.id);
      const fields = testCase.fields(ids);

      expectNotFound(await action({ status: "idle" }, formOf(b.tenant.slug, fields)), `${key} under B's slug`);
      if (testCase.underOwnSlug === "not-found") {
        expectNotFound(await action({ status: "idle" }, formOf(a.tenant.slug, fields)), `${key} under A's slug with B's ids`);
      } else if (typeof testCase.underOwnSlug === "object") {
        const foreign = await action({ status: "idle" }, formOf(a.tenant.slug, fields));
        const nonexistent = await action({ status: "idle" }, formOf(a.tenant.slug, testCase.underOwnSlug.asNonexistent));
        expect(foreign.status, `${key} under A's slug naming B's object`).toBe("error");
        expect(answer(foreign), `${key}: B's object answers like a nonexistent one`).toEqual(answer(nonexistent));
      }

      expect(await snapshotTenant(process.env.DATABASE_URL!, b.tenant.id), `${key} changed tenant B's data`).toEqual(before);
    });
  }

  it("B's failed job is still failed and still B's after every attempt", async () => {
    const job = await getQueue("listening").getJob(ids.job!);
    expect(await job?.getState()).toBe("failed");
    expect(job?.attemptsMade).toBe(1);
  });

  it("B's admin is still B's admin, still signed in, after every attempt", async () => {
    expect(await unsafeCrossTenantDb().membership.findUnique({ where: { id: ids.member! }, select: { tenantId: true, role: true } })).toEqual({
      tenantId: b.tenant.id,
      role: "ADMIN",
    });
    expect(await checkStaffSession(victimSession.id, victimSession.userId)).toEqual({ alive: true });
  });
});

/**
 * The platform-wide queue screen's actions (/ops/queues) address every tenant's jobs on purpose, so
 * they are NOT_TENANT_SCOPED in the matrix; what keeps them from being a cross-tenant door is the
 * operator check. With the view switched on, A's owner — no platform operator — is refused B's
 * failed job as NOT_FOUND, and the job and the platform audit log are untouched.
 */
describe("platform operator actions, called by a brand owner", () => {
  const saved = process.env.PLATFORM_OPERATOR_VIEW;

  beforeAll(() => {
    process.env.PLATFORM_OPERATOR_VIEW = "true";
    resetEnvCache();
  });

  afterAll(() => {
    if (saved === undefined) delete process.env.PLATFORM_OPERATOR_VIEW;
    else process.env.PLATFORM_OPERATOR_VIEW = saved;
    resetEnvCache();
  });

  for (const key of ["ACTION ops/queues/actions.ts#retryPlatformJobAction", "ACTION ops/queues/actions.ts#discardPlatformJobAction"]) {
    it(`${key.replace(/^ACTION /, "")} refuses tenant B's failed job to A's owner`, async () => {
      expect(getEnv().PLATFORM_OPERATOR_VIEW, "the view is on: only the operator check can refuse").toBe(true);
      expect(await unsafeCrossTenantDb().platformOperator.count({ where: { userId: a.user.id } })).toBe(0);
      const action = await loadAction(key);
      const before = await snapshotTenant(process.env.DATABASE_URL!, b.tenant.id);

      for (const tenant of [b.tenant.slug, a.tenant.slug]) {
        expectNotFound(await action({ status: "idle" }, formOf(tenant, { queue: "listening", jobId: ids.job! })), `${key} with tenant=${tenant}`);
      }

      const job = await getQueue("listening").getJob(ids.job!);
      expect(await job?.getState()).toBe("failed");
      expect(job?.attemptsMade).toBe(1);
      expect(await unsafeCrossTenantDb().platformAuditLog.count()).toBe(0);
      expect(await snapshotTenant(process.env.DATABASE_URL!, b.tenant.id), `${key} changed tenant B's data`).toEqual(before);
    });
  }
});
