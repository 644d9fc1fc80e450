// Deleted upstream → reversed, and disqualified by staff → reversed: through the real pipeline
// (sandbox in-process, pollSourcePage → ingest), the real ledger, and the route guards.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "../../../src/server/http/session";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("../../../src/server/http/session", () => ({ getSessionUser: async () => session.user }));

const { getDb, unsafeCrossTenantDb } = await import("../../../src/server/db/client");
const { getEnv } = await import("../../../src/server/env");
const { AppError } = await import("../../../src/server/errors");
const { findQueuedJob, getQueue } = await import("../../../src/server/jobs/queues");
const { pollSourcePage } = await import("../../../src/server/pipeline/poll-source");
const { saveChannelConnection } = await import("../../../src/server/modules/channels/channel.service");
const { createReward } = await import("../../../src/server/modules/rewards/reward.service");
const { redeemReward } = await import("../../../src/server/modules/rewards/redeem-reward");
const { checkDeletedMentions } = await import("../../../src/server/pipeline/deletions/check-deleted-mentions");
const { unsafeScheduleDeletionChecks } = await import("../../../src/server/pipeline/deletions/schedule-deletion-checks");
const { checkDeletionsJob, scheduleDeletionChecksJob } = await import("../../../src/server/pipeline/deletions/reversal.jobs");
const { disqualifyMention } = await import("../../../src/server/modules/mentions/moderation/disqualify-mention");
const { listMentions } = await import("../../../src/server/modules/mentions/moderation/list-mentions");
const { ZDisqualifyResult, ZMentionPage } = await import("../../../src/server/modules/mentions/moderation/mention.schemas");
const mentionsRoute = await import("../../../src/app/api/v1/tenants/[tenant]/mentions/route");
const disqualifyRoute = await import("../../../src/app/api/v1/tenants/[tenant]/mentions/[id]/disqualify/route");
const { addMember, createTenantWithMember, makeCustomer } = await import("../support/factories");
const { assertLedgerInvariants } = await import("../support/ledger-invariants");
const { admin } = await import("../sandbox/sandbox-test-kit");
const { linkProfile, sandboxPost, sandboxUser, setUpListening, startPipelineSandbox } = await import("./pipeline-kit");

type Ctx = Awaited<ReturnType<typeof createTenantWithMember>>["ctx"];

let sandbox: Awaited<ReturnType<typeof startPipelineSandbox>>;

beforeAll(async () => {
  sandbox = await startPipelineSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  session.user = null;
});

let seq = 0;
/** A tenant listening for its own keyword, one linked fan with `followers`, and a stranger. */
async function listeningTenant(options: { followers?: number } = {}) {
  const n = ++seq;
  const member = await createTenantWithMember("OWNER");
  const keyword = `Reversal Brand ${n}`;
  const { source, pointRule } = await setUpListening(member.ctx, keyword);
  const fanHandle = `rev_fan_${n}`;
  const strangerHandle = `rev_stranger_${n}`;
  const fanId = await sandboxUser(sandbox.url, fanHandle, options.followers ?? 1_000);
  await sandboxUser(sandbox.url, strangerHandle, 40);
  const customer = await makeCustomer(member.ctx);
  await linkProfile(member.ctx, customer.id, fanId, fanHandle);
  return { ...member, keyword, source, pointRule, fanHandle, strangerHandle, customer };
}

/** Posts through the sandbox and collects them with the real poller and ingest. */
async function collect(ctx: Ctx, sourceId: string, posts: { author: string; text: string }[]) {
  const ids: string[] = [];
  for (const p of posts) ids.push(await sandboxPost(sandbox.url, p.author, p.text));
  const outcome = await pollSourcePage(ctx, sourceId, null);
  expect(outcome.status).toBe("page");
  return ids;
}

function minutesFromNow(minutes: number) {
  return new Date(Date.now() + minutes * 60_000);
}

async function deleteUpstream(postId: string) {
  await admin(sandbox.url, "DELETE", `/__admin/posts/${postId}`);
}

async function mentionOf(ctx: Ctx, externalId: string) {
  const row = await getDb().mention.findFirst({ where: { tenantId: ctx.tenantId, externalId } });
  expect(row, `mention ${externalId}`).not.toBeNull();
  return row!;
}

async function balanceOf(ctx: Ctx, customerId: string) {
  return (await getDb().pointBalance.findFirst({ where: { tenantId: ctx.tenantId, customerId } })) ?? { balance: 0, lifetimeEarned: 0 };
}

async function reversalsOf(ctx: Ctx) {
  return getDb().ledgerEntry.findMany({ where: { tenantId: ctx.tenantId, source: "REVERSAL" }, orderBy: { createdAt: "asc" } });
}

async function expectAppError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as InstanceType<typeof AppError>).code).toBe(code);
}

describe("deleted upstream → reversed", () => {
  it("marks the mention DELETED, blanks its content and reverses its points exactly once, also when run twice at once", async () => {
    const t = await listeningTenant();
    const [gone, kept, strangers] = await collect(t.ctx, t.source.id, [
      { author: t.fanHandle, text: `${t.keyword} is the best, love it` },
      { author: t.fanHandle, text: `${t.keyword} again today, great as always` },
      { author: t.strangerHandle, text: `First time at ${t.keyword}` },
    ]);
    // 10 base × 1.52 influence (1,000 followers) = 15 each
    expect(await balanceOf(t.ctx, t.customer.id)).toMatchObject({ balance: 30, lifetimeEarned: 30 });
    const paid = await getDb().ledgerEntry.findFirst({ where: { tenantId: t.ctx.tenantId, mentionId: (await mentionOf(t.ctx, gone!)).id } });
    expect(paid?.amount).toBe(15);

    await deleteUpstream(gone!);
    await deleteUpstream(strangers!);
    const [a, b] = await Promise.all([checkDeletedMentions(t.ctx, { network: "TWITTER" }), checkDeletedMentions(t.ctx, { network: "TWITTER" })]);
    // The live one is not due again until its young tier's next check (10 minutes on).
    expect(await checkDeletedMentions(t.ctx, { network: "TWITTER" })).toMatchObject({ status: "done", checked: 0 });
    const again = await checkDeletedMentions(t.ctx, { network: "TWITTER", now: minutesFromNow(11) });

    expect(a.status).toBe("done");
    expect(b.status).toBe("done");
    // Whoever won the row locks did the work; the other found it done.
    expect(a.deleted + b.deleted).toBe(2);
    expect(a.entriesReversed + b.entriesReversed).toBe(1);
    expect(a.pointsTakenBack + b.pointsTakenBack).toBe(15);
    expect(again).toMatchObject({ status: "done", checked: 1, deleted: 0, entriesReversed: 0, pointsTakenBack: 0 });

    const deleted = await mentionOf(t.ctx, gone!);
    expect(deleted).toMatchObject({ status: "DELETED", text: "", url: null, metrics: null, customerId: t.customer.id });
    expect(deleted.deletedUpstreamAt).toBeInstanceOf(Date);
    expect(await mentionOf(t.ctx, strangers!)).toMatchObject({ status: "DELETED", text: "", url: null });
    const live = await mentionOf(t.ctx, kept!);
    expect(live).toMatchObject({ status: "CREDITED", text: `${t.keyword} again today, great as always` });
    expect(live.deletedUpstreamAt).toBeNull();

    const reversals = await reversalsOf(t.ctx);
    expect(reversals).toHaveLength(1);
    expect(reversals[0]).toMatchObject({ amount: -15, reversesId: paid!.id, mentionId: deleted.id, idempotencyKey: `mention-deleted-upstream:${paid!.id}` });
    expect((reversals[0]!.explanation as { reversal?: { reason: string } }).reversal?.reason).toBe("deleted upstream");
    expect(await balanceOf(t.ctx, t.customer.id)).toMatchObject({ balance: 15, lifetimeEarned: 30 });

    // The inbox shows what happened, content gone, points netted out.
    const page = ZMentionPage.parse(await listMentions(t.ctx, { status: "DELETED" }));
    expect(page.total).toBe(2);
    const item = page.items.find((m) => m.id === deleted.id);
    expect(item).toMatchObject({ text: "", url: null, points: { paid: 15, reversed: -15, net: 0 } });
    expect(item?.deletedUpstreamAt).not.toBeNull();
    await assertLedgerInvariants(t.ctx.tenantId);
  });

  it("clamps the reversal when the customer spent some of the points, and takes nothing when they spent all", async () => {
    const t = await listeningTenant();
    const [first, second] = await collect(t.ctx, t.source.id, [
      { author: t.fanHandle, text: `${t.keyword} makes my day` },
      { author: t.fanHandle, text: `${t.keyword} is great` },
    ]);
    expect((await balanceOf(t.ctx, t.customer.id)).balance).toBe(30);
    const reward = await createReward(t.ctx, { name: "Free cone", cost: 20 });
    await redeemReward(t.ctx, { customerId: t.customer.id, rewardId: reward.id, idempotencyKey: "cone-1" });
    expect((await balanceOf(t.ctx, t.customer.id)).balance).toBe(10);

    await deleteUpstream(first!);
    const clamped = await checkDeletedMentions(t.ctx, { network: "TWITTER" });
    expect(clamped).toMatchObject({ deleted: 1, entriesReversed: 1, pointsTakenBack: 10, notTakenBack: 0 });
    const [reversal] = await reversalsOf(t.ctx);
    expect(reversal?.amount).toBe(-10);
    expect((reversal?.explanation as { reversal?: { clampedTo?: number; originalAmount: number } }).reversal).toMatchObject({
      originalAmount: 15,
      clampedTo: -10,
    });
    expect((await balanceOf(t.ctx, t.customer.id)).balance).toBe(0);
    await assertLedgerInvariants(t.ctx.tenantId);

    // Balance 0: the ledger writes no zero entry; the mention is still deleted and emptied.
    await deleteUpstream(second!);
    const nothingLeft = await checkDeletedMentions(t.ctx, { network: "TWITTER", now: minutesFromNow(11) });
    expect(nothingLeft).toMatchObject({ deleted: 1, entriesReversed: 0, pointsTakenBack: 0, notTakenBack: 1 });
    expect(await mentionOf(t.ctx, second!)).toMatchObject({ status: "DELETED", text: "" });
    expect(await reversalsOf(t.ctx)).toHaveLength(1);
    expect((await balanceOf(t.ctx, t.customer.id)).balance).toBe(0);
    expect(await checkDeletedMentions(t.ctx, { network: "TWITTER", now: minutesFromNow(30) })).toMatchObject({ checked: 0, deleted: 0, notTakenBack: 0 });
    await assertLedgerInvariants(t.ctx.tenantId);
  });

  it("stops on a rate limit with throttledUntil and changes nothing; refused credentials change nothing either", async () => {
    const t = await listeningTenant();
    const [gone] = await collect(t.ctx, t.source.id, [{ author: t.fanHandle, text: `${t.keyword} forever` }]);
    await deleteUpstream(gone!);

    await admin(sandbox.url, "POST", "/__admin/faults", { kind: "rate_limit", count: 1, path_prefix: "/2/tweets" });
    const before = Date.now();
    const throttled = await checkDeletedMentions(t.ctx, { network: "TWITTER" });
    expect(throttled.status).toBe("throttled");
    expect(throttled.throttledUntil!.getTime()).toBeGreaterThan(before);
    expect(throttled).toMatchObject({ checked: 0, deleted: 0, lookups: 0 });
    expect(throttled.rateLimit).toMatchObject({ remaining: 0 });
    // Not checked, so still due: the next call takes it first.
    expect((await mentionOf(t.ctx, gone!)).deletionCheckAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await mentionOf(t.ctx, gone!)).toMatchObject({ status: "CREDITED" });
    expect(await reversalsOf(t.ctx)).toHaveLength(0);

    await saveChannelConnection(t.ctx, { network: "TWITTER", credentials: { kind: "bearer", bearerToken: "AAAA-not-a-valid-sandbox-token-AAAA" } });
    const refused = await checkDeletedMentions(t.ctx, { network: "TWITTER" });
    expect(refused).toMatchObject({ status: "needs_reconnect", checked: 0, deleted: 0 });
    expect(await mentionOf(t.ctx, gone!)).toMatchObject({ status: "CREDITED" });
    expect(await reversalsOf(t.ctx)).toHaveLength(0);
    expect((await balanceOf(t.ctx, t.customer.id)).balance).toBe(15);
    await assertLedgerInvariants(t.ctx.tenantId);
  });

  it("stops at maxLookups and leaves the rest due, oldest due first, for the next call", async () => {
    const t = await listeningTenant();
    const ids = await collect(
      t.ctx,
      t.source.id,
      [1, 2, 3].map((i) => ({ author: t.fanHandle, text: `${t.keyword} number ${i}` })),
    );
    for (const id of ids) await deleteUpstream(id);
    const first = await checkDeletedMentions(t.ctx, { network: "TWITTER", maxLookups: 1, batchSize: 2 });
    expect(first).toMatchObject({ status: "more", lookups: 1, checked: 2, deleted: 2 });
    const rest = await checkDeletedMentions(t.ctx, { network: "TWITTER", maxLookups: 1, batchSize: 2 });
    expect(rest).toMatchObject({ status: "done", lookups: 1, checked: 1, deleted: 1 });
    expect(await getDb().mention.count({ where: { tenantId: t.ctx.tenantId, status: "DELETED" } })).toBe(3);
    expect(await getDb().mention.count({ where: { tenantId: t.ctx.tenantId, deletionCheckAt: { not: null } } })).toBe(0);
    expect(await reversalsOf(t.ctx)).toHaveLength(3);
    expect((await balanceOf(t.ctx, t.customer.id)).balance).toBe(0);
    await assertLedgerInvariants(t.ctx.tenantId);
  });

  it("fans out one check per tenant+network with recent live mentions, and the handlers enqueue valid jobs", async () => {
    const t = await listeningTenant();
    const [gone] = await collect(t.ctx, t.source.id, [{ author: t.fanHandle, text: `${t.keyword} rocks` }]);
    const settled = await listeningTenant();
    const [old] = await collect(settled.ctx, settled.source.id, [{ author: settled.fanHandle, text: `${settled.keyword} rocks` }]);
    // collected 8 days ago: its next check is its last (the 7-day period is over), then it is settled
    await unsafeCrossTenantDb().mention.updateMany({
      where: { tenantId: settled.ctx.tenantId, externalId: old! },
      data: { createdAt: new Date(Date.now() - 8 * 24 * 3600 * 1000) },
    });
    expect(await checkDeletedMentions(settled.ctx, { network: "TWITTER" })).toMatchObject({ checked: 1, deleted: 0 });
    expect((await mentionOf(settled.ctx, old!)).deletionCheckAt).toBeNull();

    const scheduled = await unsafeScheduleDeletionChecks();
    const mine = scheduled.filter((s) => s.payload.tenantId === t.ctx.tenantId);
    expect(mine).toEqual([
      { payload: { tenantId: t.ctx.tenantId, network: "TWITTER", passId: null }, options: { jobId: `check-deletions:${t.ctx.tenantId}:TWITTER` } },
    ]);
    expect(scheduled.some((s) => s.payload.tenantId === settled.ctx.tenantId)).toBe(false);
    for (const s of scheduled) expect(checkDeletionsJob.payload.parse(s.payload)).toEqual(s.payload);

    // The handlers as the worker runs them: through their definitions (no job: they use none).
    const runSchedule = await scheduleDeletionChecksJob.handler();
    const runCheck = await checkDeletionsJob.handler();
    const queue = getQueue("ledger");
    await runSchedule({}, undefined as never);
    const job = await findQueuedJob("mentions.check-deletions", `check-deletions:${t.ctx.tenantId}:TWITTER`);
    expect(job?.name).toBe("mentions.check-deletions");
    expect(job?.data).toEqual({ tenantId: t.ctx.tenantId, network: "TWITTER", passId: null });
    await job?.remove();

    // The check handler does the work. A throttled pass ends (recorded) and leaves the mention
    // due; it queues nothing: the next tick after the reset starts a pass that takes it first.
    await deleteUpstream(gone!);
    await admin(sandbox.url, "POST", "/__admin/faults", { kind: "rate_limit", count: 1, path_prefix: "/2/tweets" });
    await runCheck({ tenantId: t.ctx.tenantId, network: "TWITTER", passId: null }, undefined as never);
    expect(await mentionOf(t.ctx, gone!)).toMatchObject({ status: "CREDITED" });
    const state = await getDb().deletionCheckState.findFirst({ where: { tenantId: t.ctx.tenantId, network: "TWITTER" } });
    expect(state).toMatchObject({ passId: null, lastPassOutcome: "throttled", lastPassChecked: 0, lastPassCarriedOver: 1, lookupRemaining: 0 });
    expect((await queue.getDelayed()).filter((j) => j.data.tenantId === t.ctx.tenantId)).toHaveLength(0);
    // The window has reset (as X's would after 15 minutes).
    await getDb().deletionCheckState.updateMany({
      where: { tenantId: t.ctx.tenantId, network: "TWITTER" },
      data: { lookupResetAt: new Date(Date.now() - 1000) },
    });
    await runCheck({ tenantId: t.ctx.tenantId, network: "TWITTER", passId: null }, undefined as never);
    expect(await mentionOf(t.ctx, gone!)).toMatchObject({ status: "DELETED" });
    expect(await getDb().deletionCheckState.findFirst({ where: { tenantId: t.ctx.tenantId, network: "TWITTER" } })).toMatchObject({
      passId: null,
      lastPassOutcome: "done",
      lastPassChecked: 1,
      lastPassDeleted: 1,
      lastPassReversed: 1,
      lastPassCarriedOver: 0,
    });
    expect((await queue.getWaiting()).filter((j) => j.data.tenantId === t.ctx.tenantId)).toHaveLength(0);
    await assertLedgerInvariants(t.ctx.tenantId);
  });
});

describe("disqualified by staff → reversed", () => {
  it("disqualifies once: status, reversal, audit; a second and a concurrent call reverse nothing more and answer the same", async () => {
    const t = await listeningTenant();
    const [postId] = await collect(t.ctx, t.source.id, [{ author: t.fanHandle, text: `${t.keyword} giveaway, retweet to win` }]);
    const mention = await mentionOf(t.ctx, postId!);
    const marketer = await addMember(t.ctx, "MARKETER");

    const results = await Promise.all([
      disqualifyMention(marketer.ctx, mention.id, { reason: "giveaway bait" }),
      disqualifyMention(marketer.ctx, mention.id, { reason: "giveaway bait" }),
    ]);
    const later = await disqualifyMention(marketer.ctx, mention.id, { reason: "said twice" });
    const first = ZDisqualifyResult.parse(results[0]);
    expect(first.mention).toMatchObject({ id: mention.id, status: "DISQUALIFIED", points: { paid: 15, reversed: -15, net: 0 } });
    expect(first.reversals).toHaveLength(1);
    expect(first.reversals[0]).toMatchObject({ originalAmount: 15, takenBack: 15, clamped: false });
    expect(first.pointsTakenBack).toBe(15);
    expect(results[1]).toEqual(first);
    expect(later).toEqual(first);

    const reversals = await reversalsOf(t.ctx);
    expect(reversals).toHaveLength(1);
    expect(reversals[0]).toMatchObject({ amount: -15, actorUserId: marketer.user.id, id: first.reversals[0]!.reversalEntryId });
    expect((reversals[0]!.explanation as { reversal?: { reason: string } }).reversal?.reason).toBe("disqualified: giveaway bait");
    const audits = await getDb().auditLog.findMany({ where: { tenantId: t.ctx.tenantId, action: "mention.disqualified" } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: marketer.user.id, targetId: mention.id, data: { reason: "giveaway bait", previousStatus: "CREDITED" } });
    expect((await balanceOf(t.ctx, t.customer.id)).balance).toBe(0);

    // Deleted upstream afterwards: emptied and DELETED, but the entry is not reversed a second time.
    await deleteUpstream(postId!);
    expect(await checkDeletedMentions(t.ctx, { network: "TWITTER" })).toMatchObject({ deleted: 1, entriesReversed: 0 });
    expect(await reversalsOf(t.ctx)).toHaveLength(1);
    await expectAppError(disqualifyMention(marketer.ctx, mention.id, { reason: "too late" }), "CONFLICT");
    await assertLedgerInvariants(t.ctx.tenantId);
  });

  it("refuses viewers (FORBIDDEN), other tenants and bad ids (NOT_FOUND), and a reason under 3 characters", async () => {
    const t = await listeningTenant();
    const [postId] = await collect(t.ctx, t.source.id, [{ author: t.fanHandle, text: `${t.keyword} yum` }]);
    const mention = await mentionOf(t.ctx, postId!);
    const viewer = await addMember(t.ctx, "VIEWER");
    const foreign = await createTenantWithMember("OWNER");

    await expectAppError(disqualifyMention(viewer.ctx, mention.id, { reason: "not allowed" }), "FORBIDDEN");
    await expectAppError(disqualifyMention(foreign.ctx, mention.id, { reason: "not mine" }), "NOT_FOUND");
    await expectAppError(disqualifyMention(t.ctx, "men_0000", { reason: "bad id" }), "NOT_FOUND");
    await expect(disqualifyMention(t.ctx, mention.id, { reason: "x" })).rejects.toThrow(/at least 3/);
    expect(await mentionOf(t.ctx, postId!)).toMatchObject({ status: "CREDITED" });
    expect(await reversalsOf(t.ctx)).toHaveLength(0);
    // A viewer may read the inbox; another tenant sees none of it.
    expect((await listMentions(viewer.ctx, {})).items.map((m) => m.id)).toEqual([mention.id]);
    expect((await listMentions(foreign.ctx, {})).total).toBe(0);
    await assertLedgerInvariants(t.ctx.tenantId);
  });

  it("lists mentions by status and customer with the points each paid", async () => {
    const t = await listeningTenant();
    const [mine, strangers] = await collect(t.ctx, t.source.id, [
      { author: t.fanHandle, text: `${t.keyword} <script>alert(1)</script> so good` },
      { author: t.strangerHandle, text: `${t.keyword} who?` },
    ]);
    const byCustomer = await listMentions(t.ctx, { customerId: t.customer.id });
    expect(byCustomer.items).toHaveLength(1);
    // Untrusted text is carried as it is: rendering it as text is the screen's job.
    expect(byCustomer.items[0]).toMatchObject({
      externalId: mine,
      status: "CREDITED",
      text: `${t.keyword} <script>alert(1)</script> so good`,
      points: { paid: 15, reversed: 0, net: 15 },
    });
    expect(byCustomer.items[0]!.url).toMatch(/^https:\/\//);
    const prospects = await listMentions(t.ctx, { status: "PROSPECT" });
    expect(prospects.items.map((m) => m.externalId)).toEqual([strangers]);
    expect(prospects.items[0]).toMatchObject({ customerId: null, points: { paid: 0, reversed: 0, net: 0 } });
    const paged = await listMentions(t.ctx, { page: 2, pageSize: 1 });
    expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(paged.items).toHaveLength(1);
  });
});

describe("mention routes through withTenant", () => {
  type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
  async function call(handler: Handler, method: string, path: string, params: Record<string, string>, body?: unknown) {
    const origin = new URL(getEnv().APP_URL).origin;
    const request = new NextRequest(`${origin}${path}`, {
      method,
      headers: { origin, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const response = await handler(request, { params: Promise.resolve(params) });
    const text = await response.text();
    return { status: response.status, type: response.headers.get("content-type") ?? "", json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
  }
  function signIn(user: { id: string; email: string; name: string | null }) {
    session.user = { id: user.id, email: user.email, name: user.name ?? user.email };
  }

  it("GET /mentions and POST /mentions/:id/disqualify: 200, 403 for a viewer, 404 across tenants, 422 for a bad body", async () => {
    const t = await listeningTenant();
    const [postId] = await collect(t.ctx, t.source.id, [{ author: t.fanHandle, text: `${t.keyword} via the API` }]);
    const mention = await mentionOf(t.ctx, postId!);
    const base = `/api/v1/tenants/${t.ctx.tenantSlug}/mentions`;
    const params = { tenant: t.ctx.tenantSlug, id: mention.id };
    const viewer = await addMember(t.ctx, "VIEWER");

    signIn(viewer.user);
    const listed = await call(mentionsRoute.GET, "GET", `${base}?status=CREDITED&pageSize=10`, { tenant: t.ctx.tenantSlug });
    expect(listed.status).toBe(200);
    expect(ZMentionPage.parse(listed.json).items.map((m) => m.id)).toEqual([mention.id]);
    const bad = await call(mentionsRoute.GET, "GET", `${base}?status=NOPE`, { tenant: t.ctx.tenantSlug });
    expect(bad.status).toBe(422);
    const forbidden = await call(disqualifyRoute.POST, "POST", `${base}/${mention.id}/disqualify`, params, { reason: "viewer tries" });
    expect(forbidden.status).toBe(403);
    expect(forbidden.type).toBe("application/problem+json");

    const foreign = await createTenantWithMember("OWNER");
    signIn(foreign.user);
    const crossTenant = await call(
      disqualifyRoute.POST,
      "POST",
      `/api/v1/tenants/${foreign.ctx.tenantSlug}/mentions/${mention.id}/disqualify`,
      { tenant: foreign.ctx.tenantSlug, id: mention.id },
      { reason: "not mine" },
    );
    expect(crossTenant.status).toBe(404);
    const otherSlug = await call(disqualifyRoute.POST, "POST", `${base}/${mention.id}/disqualify`, params, { reason: "not my tenant" });
    expect(otherSlug.status).toBe(404);

    signIn(t.user);
    const invalid = await call(disqualifyRoute.POST, "POST", `${base}/${mention.id}/disqualify`, params, { reason: "" });
    expect(invalid.status).toBe(422);
    expect(await reversalsOf(t.ctx)).toHaveLength(0);
    const ok = await call(disqualifyRoute.POST, "POST", `${base}/${mention.id}/disqualify`, params, { reason: "spam account" });
    expect(ok.status).toBe(200);
    expect(ZDisqualifyResult.parse(ok.json)).toMatchObject({ mention: { id: mention.id, status: "DISQUALIFIED" }, pointsTakenBack: 15 });
    expect(await reversalsOf(t.ctx)).toHaveLength(1);
    await assertLedgerInvariants(t.ctx.tenantId);
  });
});
