// A reply is written SENDING before the network is called; a process that stops between the call
// and its outcome must not leave the inbox saying "Sending…" for ever. The maintenance tick marks
// such replies FAILED with an honest "outcome unknown" (nothing posted again), per brand, audited,
// and leaves recent and finished replies alone.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { REPLY_SETTLE_AFTER_MS, settleStaleReplies, UNKNOWN_OUTCOME } from "../../../src/server/modules/mentions/inbox/settle-stale-replies";
import { createTenantWithMember } from "../support/factories";
import { seedMention } from "./inbox-kit";

async function brandWithReplies(ctx: TenantContext, now: Date, replies: { status: "SENDING" | "SENT"; ageMs: number }[]) {
  const account = await getDb().brandSocialAccount.create({
    data: {
      tenantId: ctx.tenantId,
      network: "TWITTER",
      externalUserId: `x-${randomUUID()}`,
      handle: "brand",
      displayName: "Brand",
      scopes: ["tweet.write"],
      tokensCiphertext: "not used here",
    },
    select: { id: true },
  });
  const mention = await seedMention(ctx, { text: "is the shop open?" });
  const ids: string[] = [];
  for (const reply of replies) {
    const row = await getDb().mentionReply.create({
      data: {
        tenantId: ctx.tenantId,
        mentionId: mention.id,
        brandAccountId: account.id,
        asHandle: "brand",
        requestKey: randomUUID(),
        text: "yes, until 6pm",
        status: reply.status,
        externalPostId: reply.status === "SENT" ? "1234" : null,
        createdAt: new Date(now.getTime() - reply.ageMs),
      },
      select: { id: true },
    });
    ids.push(row.id);
  }
  return { mentionId: mention.id, ids };
}

const stateOf = (ctx: TenantContext, id: string) =>
  getDb().mentionReply.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id }, select: { status: true, error: true, externalPostId: true } });

describe("settling replies left SENDING", () => {
  it("marks old SENDING replies of every brand FAILED with the unknown outcome, audited for their brand; recent and finished ones stay", async () => {
    const now = new Date();
    const a = (await createTenantWithMember("OWNER")).ctx;
    const b = (await createTenantWithMember("OWNER")).ctx;
    const old = REPLY_SETTLE_AFTER_MS + 60_000;
    const first = await brandWithReplies(a, now, [
      { status: "SENDING", ageMs: old },
      { status: "SENDING", ageMs: 30_000 },
      { status: "SENT", ageMs: old },
    ]);
    const second = await brandWithReplies(b, now, [{ status: "SENDING", ageMs: old }]);

    expect(await settleStaleReplies({ now })).toBeGreaterThanOrEqual(2);

    expect(await stateOf(a, first.ids[0]!)).toEqual({ status: "FAILED", error: UNKNOWN_OUTCOME, externalPostId: null });
    expect(await stateOf(a, first.ids[1]!)).toEqual({ status: "SENDING", error: null, externalPostId: null });
    expect(await stateOf(a, first.ids[2]!)).toEqual({ status: "SENT", error: null, externalPostId: "1234" });
    expect(await stateOf(b, second.ids[0]!)).toMatchObject({ status: "FAILED", error: UNKNOWN_OUTCOME });

    const auditsOf = (tenantId: string) =>
      getDb().auditLog.findMany({ where: { tenantId, action: "mention.reply_failed" }, select: { targetId: true, actorType: true, data: true } });
    expect(await auditsOf(a.tenantId)).toEqual([
      { targetId: first.mentionId, actorType: "SYSTEM", data: { replyId: first.ids[0], asHandle: "brand", outcome: "unknown" } },
    ]);
    expect(await auditsOf(b.tenantId)).toEqual([
      { targetId: second.mentionId, actorType: "SYSTEM", data: { replyId: second.ids[0], asHandle: "brand", outcome: "unknown" } },
    ]);

    // Run again: nothing left to settle for these brands, no second audit row.
    await settleStaleReplies({ now });
    expect(await auditsOf(a.tenantId)).toHaveLength(1);
    expect(await auditsOf(b.tenantId)).toHaveLength(1);
  });
});
