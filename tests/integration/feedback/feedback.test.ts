// The portal's feedback → advocacy loop against real Postgres, Redis and the X sandbox: an answer
// sets the customer's NPS class; a promoter's share goes through the sharing pipeline and pays the
// brand's SHARE rule once; a detractor's answer is a staff inbox item and never a share; the 10-
// minute rule; bad input refused with nothing written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CustomerContext, TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { toAppError } from "../../../src/server/http/problem";
import { createLocation } from "../../../src/server/modules/listening/location.service";
import { FEEDBACK_SHARE_EVERY_DAYS, feedbackShareOffer, shareFeedback } from "../../../src/server/modules/feedback/feedback-share";
import { deleteCustomer } from "../../../src/server/modules/customers/customer.service";
import { feedbackInboxCounts, listFeedback, markFeedbackHandled } from "../../../src/server/modules/feedback/feedback-inbox";
import { FEEDBACK_INTERVAL_MS, submitFeedback } from "../../../src/server/modules/feedback/submit-feedback";
import { createPointRule } from "../../../src/server/modules/rules/point-rule.service";
import { shareAwardKey } from "../../../src/server/modules/sharing/share-posts";
import { assertLedgerInvariants } from "../support/ledger-invariants";
import { addMember, createTenantWithMember, makeCustomer } from "../support/factories";
import { expectAppError, mentionAward, post } from "../ledger/ledger-test-kit";
import { brand, linkedCustomer, livePostsBy, runShare, startSharingSandbox, type Sandbox } from "../pipeline/sharing-kit";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSharingSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

function asCustomer(ctx: TenantContext, customerId: string): CustomerContext {
  return { tenantId: ctx.tenantId, tenantSlug: ctx.tenantSlug, customerId, actor: { type: "CUSTOMER", id: customerId } };
}

async function shareRule(ctx: TenantContext, basePoints = 15) {
  return createPointRule(ctx, { network: "TWITTER", action: "SHARE", name: "Share", basePoints, influenceCurve: "NONE", enabled: true });
}

/** What a refused call turns into at the boundary (a ZodError becomes VALIDATION_FAILED with field issues). */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the call was refused").not.toBeNull();
  return toAppError(error);
}

const npsOf = async (ctx: TenantContext, id: string) =>
  (await getDb().customer.findFirst({ where: { tenantId: ctx.tenantId, id }, select: { npsClass: true } }))?.npsClass;

describe("answering", () => {
  it("stores the answer, sets the class from the latest answer, audits it, and allows one answer per 10 minutes", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const store = await createLocation(ctx, { name: "Main street" });
    const fan = await makeCustomer(ctx);
    const cctx = asCustomer(ctx, fan.id);
    const t0 = new Date();

    const first = await submitFeedback(cctx, { score: "9", comment: "  Lovely staff  ", locationId: store.id }, t0);
    expect(first).toMatchObject({ score: 9, npsClass: "PROMOTER" });
    expect(await npsOf(ctx, fan.id)).toBe("PROMOTER");
    const row = await getDb().feedbackResponse.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: first.id } });
    expect(row).toMatchObject({ customerId: fan.id, score: 9, npsClass: "PROMOTER", comment: "Lovely staff", locationId: store.id, status: "OPEN" });
    const audit = await getDb().auditLog.findMany({ where: { tenantId: ctx.tenantId, action: "feedback.answered" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "CUSTOMER", actorId: fan.id, targetId: first.id });
    expect(JSON.stringify(audit[0]!.data)).not.toContain("Lovely");

    const limited = await expectAppError(submitFeedback(cctx, { score: 3 }, new Date(t0.getTime() + 60_000)), "RATE_LIMITED", /answer again in 9 minutes/);
    expect(limited.retryAfterSeconds).toBe(540);
    expect(await getDb().feedbackResponse.count({ where: { tenantId: ctx.tenantId } })).toBe(1);
    expect(await npsOf(ctx, fan.id)).toBe("PROMOTER");

    const later = await submitFeedback(cctx, { score: 7, comment: "", locationId: "" }, new Date(t0.getTime() + FEEDBACK_INTERVAL_MS));
    expect(later.npsClass).toBe("PASSIVE");
    expect(await npsOf(ctx, fan.id)).toBe("PASSIVE");
    const stored = await getDb().feedbackResponse.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: later.id } });
    expect(stored).toMatchObject({ comment: null, locationId: null });
  });

  it("two answers sent at once: one is stored, the other is told to wait", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const fan = await makeCustomer(ctx);
    const results = await Promise.allSettled([submitFeedback(asCustomer(ctx, fan.id), { score: 2 }), submitFeedback(asCustomer(ctx, fan.id), { score: 10 })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(toAppError(refused?.reason).code).toBe("RATE_LIMITED");
    const only = await getDb().feedbackResponse.findFirstOrThrow({ where: { tenantId: ctx.tenantId } });
    expect(await npsOf(ctx, fan.id)).toBe(only.npsClass);
  });

  it("refuses bad input with a clear message and writes nothing", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const other = await createTenantWithMember("OWNER");
    const foreignStore = await createLocation(other.ctx, { name: "Their store" });
    const fan = await makeCustomer(ctx);
    const cctx = asCustomer(ctx, fan.id);

    for (const [input, path, message] of [
      [{ score: 11 }, "score", /0 to 10/],
      [{ score: "" }, "score", /0 to 10/],
      [{}, "score", /0 to 10/],
      [{ score: "7.5" }, "score", /0 to 10/],
      [{ score: 8, comment: "x".repeat(1_001) }, "comment", /at most 1,000 characters/],
      [{ score: 8, locationId: "not-a-location" }, "locationId", /brand's locations/],
      [{ score: 8, locationId: foreignStore.id }, "locationId", /brand's locations/],
    ] as const) {
      const error = await refusal(submitFeedback(cctx, input));
      expect(error.code, JSON.stringify(input)).toBe("VALIDATION_FAILED");
      expect(error.issues.find((i) => i.path === path)?.message).toMatch(message);
    }
    expect(await getDb().feedbackResponse.count({ where: { tenantId: ctx.tenantId } })).toBe(0);
    expect(await getDb().auditLog.count({ where: { tenantId: ctx.tenantId, action: "feedback.answered" } })).toBe(0);
    expect(await npsOf(ctx, fan.id)).toBeNull();

    const preview = { ...cctx, previewBy: { userId: "usr_x" } };
    expect((await refusal(submitFeedback(preview, { score: 8 }))).code).toBe("FORBIDDEN");
  });
});

describe("promoters share, detractors are heard", () => {
  it("a promoter's post goes through the sharing pipeline and pays the SHARE rule once", async () => {
    const { ctx, name } = await brand();
    const rule = await shareRule(ctx, 15);
    const fan = await linkedCustomer(ctx);
    const cctx = asCustomer(ctx, fan.customerId);
    const answer = await submitFeedback(cctx, { score: 10 });

    const offer = await feedbackShareOffer(cctx, answer.id);
    expect(offer).toMatchObject({ kind: "share", networkLabel: "X", handle: fan.username, maxLength: 280, points: 15 });
    expect(offer.kind === "share" && offer.text).toContain(name);

    const tooLong = await refusal(shareFeedback(cctx, { responseId: answer.id, text: "é".repeat(281) }));
    expect(tooLong.issues).toEqual([{ path: "text", message: "at most 280 characters" }]);
    const badLink = await refusal(shareFeedback(cctx, { responseId: answer.id, text: "see javascript:alert(1)" }));
    expect(badLink.issues[0]?.message).toMatch(/http/);
    expect(await getDb().sharePost.count({ where: { tenantId: ctx.tenantId } })).toBe(0);

    const text = `Ten out of ten for ${name} <3 & "friends"`;
    const { sharePostId } = await shareFeedback(cctx, { responseId: answer.id, text });
    await expectAppError(shareFeedback(cctx, { responseId: answer.id, text }), "CONFLICT", /already shared/);
    expect(await feedbackShareOffer(cctx, answer.id)).toEqual({ kind: "shared", status: "PENDING" });

    await runShare(ctx, sharePostId);
    await runShare(ctx, sharePostId); // a redelivered job
    const share = await getDb().sharePost.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: sharePostId } });
    expect(share).toMatchObject({ status: "POSTED", feedbackResponseId: answer.id, ledgerEntryId: null, text, customerId: fan.customerId });
    expect(livePostsBy(fan.userId).map((p) => p.text)).toEqual([text]);
    const entries = await getDb().ledgerEntry.findMany({
      where: { tenantId: ctx.tenantId, customerId: fan.customerId },
      select: { source: true, amount: true, idempotencyKey: true },
    });
    expect(entries).toEqual([{ source: "SHARE", amount: 15, idempotencyKey: shareAwardKey(sharePostId, rule.id) }]);
    expect(await getDb().sharePost.count({ where: { tenantId: ctx.tenantId } })).toBe(1); // the SHARE award is not shared again
    await assertLedgerInvariants(ctx.tenantId);
  });

  it("a second promoter answer within 30 days is thanked but not offered a paid share again", async () => {
    const { ctx } = await brand();
    await shareRule(ctx, 15);
    const fan = await linkedCustomer(ctx);
    const cctx = asCustomer(ctx, fan.customerId);
    const first = await submitFeedback(cctx, { score: 10 });
    await shareFeedback(cctx, { responseId: first.id, text: "Ten out of ten" });
    // Eleven minutes later (past the one-answer-per-10-minutes rule), another 10.
    const later = new Date(Date.now() + FEEDBACK_INTERVAL_MS + 60_000);
    const second = await submitFeedback(cctx, { score: 10 }, later);
    expect(await feedbackShareOffer(cctx, second.id, later)).toEqual({ kind: "recently-shared", days: FEEDBACK_SHARE_EVERY_DAYS });
    await expectAppError(shareFeedback(cctx, { responseId: second.id, text: "Ten again" }, later), "CONFLICT", /already shared an answer in the last 30 days/);
    expect(await getDb().sharePost.count({ where: { tenantId: ctx.tenantId } })).toBe(1);
    // After the period, a new answer may be shared again.
    const monthLater = new Date(Date.now() + (FEEDBACK_SHARE_EVERY_DAYS + 1) * 86_400_000);
    const third = await submitFeedback(cctx, { score: 9 }, monthLater);
    expect(await feedbackShareOffer(cctx, third.id, monthLater)).toMatchObject({ kind: "share" });
  });

  it("a customer whose only activity is a feedback share is erased, not deleted, and the shared words go too", async () => {
    const { ctx } = await brand();
    const fan = await linkedCustomer(ctx);
    const cctx = asCustomer(ctx, fan.customerId);
    const answer = await submitFeedback(cctx, { score: 10 });
    await shareFeedback(cctx, { responseId: answer.id, text: "My own words about it" });
    expect(await deleteCustomer(ctx, fan.customerId)).toEqual({ mode: "erased" });
    const share = await getDb().sharePost.findFirstOrThrow({ where: { tenantId: ctx.tenantId, customerId: fan.customerId } });
    expect(share.text).toBe("[erased]");
  });

  it("a promoter without an account that may post is asked to link X first, and cannot share", async () => {
    const { ctx } = await brand();
    const unlinked = await makeCustomer(ctx);
    const noConsent = await linkedCustomer(ctx, { consent: "deny" });
    for (const customerId of [unlinked.id, noConsent.customerId]) {
      const answer = await submitFeedback(asCustomer(ctx, customerId), { score: 9 });
      expect(await feedbackShareOffer(asCustomer(ctx, customerId), answer.id)).toEqual({ kind: "link-first" });
      await expectAppError(shareFeedback(asCustomer(ctx, customerId), { responseId: answer.id, text: "hello" }), "CONFLICT", /link your X account/);
    }
    expect(await getDb().sharePost.count({ where: { tenantId: ctx.tenantId } })).toBe(0);
  });

  it("a detractor is never offered to share, even with a linked account, and their answer is an open inbox item", async () => {
    const { ctx } = await brand();
    await shareRule(ctx);
    const fan = await linkedCustomer(ctx);
    const cctx = asCustomer(ctx, fan.customerId);
    const answer = await submitFeedback(cctx, { score: 3, comment: "<script>alert(1)</script> cold coffee" });
    expect(await feedbackShareOffer(cctx, answer.id)).toEqual({ kind: "none" });
    await expectAppError(shareFeedback(cctx, { responseId: answer.id, text: "hi" }), "FORBIDDEN");
    // Another customer's answer is not this customer's to see or share.
    const other = await makeCustomer(ctx);
    await expectAppError(feedbackShareOffer(asCustomer(ctx, other.id), answer.id), "NOT_FOUND");
    expect(await getDb().sharePost.count({ where: { tenantId: ctx.tenantId } })).toBe(0);

    const inbox = await listFeedback(ctx);
    expect(inbox.items.map((i) => [i.id, i.status, i.comment])).toEqual([[answer.id, "OPEN", "<script>alert(1)</script> cold coffee"]]);
    expect(inbox.openDetractors).toBe(1);
  });
});

describe("the staff inbox", () => {
  it("lists detractors by default (all on request), newest first, with the customer's history, scoped to the brand", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const other = await createTenantWithMember("OWNER");
    const store = await createLocation(ctx, { name: "Harbour" });
    const unhappy = await makeCustomer(ctx, { displayName: "Una Happy" });
    const happy = await makeCustomer(ctx, { displayName: "Hap Py" });
    const t0 = Date.now() - 3 * FEEDBACK_INTERVAL_MS;
    await submitFeedback(asCustomer(ctx, unhappy.id), { score: 8 }, new Date(t0));
    const older = await submitFeedback(asCustomer(ctx, unhappy.id), { score: 5 }, new Date(t0 + FEEDBACK_INTERVAL_MS));
    const newest = await submitFeedback(
      asCustomer(ctx, unhappy.id),
      { score: 1, comment: "slow", locationId: store.id },
      new Date(t0 + 2 * FEEDBACK_INTERVAL_MS),
    );
    await submitFeedback(asCustomer(ctx, happy.id), { score: 10 }, new Date(t0));
    const theirs = await submitFeedback(asCustomer(other.ctx, (await makeCustomer(other.ctx)).id), { score: 0 });
    await post(ctx, [mentionAward(unhappy.id, "history", 90)]);
    const mention = (externalId: string, daysAgo: number) => ({
      tenantId: ctx.tenantId,
      customerId: unhappy.id,
      network: "TWITTER" as const,
      externalId,
      authorExternalId: "4401",
      authorHandle: "una",
      authorFollowers: 10,
      text: "about the brand",
      postedAt: new Date(Date.now() - daysAgo * 86_400_000),
      matchedKeywords: [],
    });
    await getDb().mention.createMany({ data: [mention("m1", 1), mention("m2", 3), mention("m3", 45)] });

    const detractors = await listFeedback(ctx);
    expect(detractors.total).toBe(2);
    expect(detractors.items.map((i) => i.id)).toEqual([newest.id, older.id]);
    expect(detractors.items[0]).toMatchObject({
      score: 1,
      npsClass: "DETRACTOR",
      comment: "slow",
      location: "Harbour",
      customer: { id: unhappy.id, displayName: "Una Happy", balance: 90, lifetimeEarned: 90, recentMentions: 2 },
    });
    expect(detractors.items[0]!.customer.previousAnswers.map((a) => a.score)).toEqual([5, 8]);
    expect(detractors.items[1]!.customer.previousAnswers.map((a) => a.score)).toEqual([8]);

    const all = await listFeedback(ctx, { view: "all" });
    expect(all.total).toBe(4);
    expect(all.items.some((i) => i.id === theirs.id)).toBe(false);
    expect(await feedbackInboxCounts(ctx)).toEqual({ openDetractors: 2, total: 4 });
    expect((await listFeedback(ctx, { view: "all", page: 2 })).items).toEqual([]);
  });

  it("marks an answer handled once, audited, for members who may write customers only, never another brand's", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const other = await createTenantWithMember("OWNER");
    const fan = await makeCustomer(ctx);
    const answer = await submitFeedback(asCustomer(ctx, fan.id), { score: 4 });
    const viewer = await addMember(ctx, "VIEWER");

    await expectAppError(markFeedbackHandled(viewer.ctx, { id: answer.id }), "FORBIDDEN");
    await expectAppError(markFeedbackHandled(other.ctx, { id: answer.id }), "NOT_FOUND");
    expect((await refusal(markFeedbackHandled(ctx, { id: "fbk_nope" }))).code).toBe("VALIDATION_FAILED");
    expect(await markFeedbackHandled(ctx, { id: answer.id })).toEqual({ status: "handled" });
    expect(await markFeedbackHandled(ctx, { id: answer.id })).toEqual({ status: "already" });

    const row = await getDb().feedbackResponse.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: answer.id } });
    expect(row.status).toBe("HANDLED");
    expect(row.handledById).toBe(ctx.actor.id);
    expect(row.handledAt).not.toBeNull();
    expect(await getDb().auditLog.count({ where: { tenantId: ctx.tenantId, action: "feedback.handled", targetId: answer.id, actorId: ctx.actor.id } })).toBe(1);
    expect((await listFeedback(ctx)).openDetractors).toBe(0);
  });
});
