// The prospects list: authors with PROSPECT mentions ranked by reach × positive mentions, the
// invitation record, and "mark as customer" (the author leaves the list; linking the account
// later credits the earlier mentions through linkSocialProfile).
import { describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { AppError } from "../../../src/server/errors";
import { linkSocialProfile } from "../../../src/server/modules/mentions/prospects/link-social-profile";
import { defaultInvitationText, inviteProspect } from "../../../src/server/modules/prospects/invite-prospect";
import { listProspects } from "../../../src/server/modules/prospects/list-prospects";
import { markProspectAsCustomer } from "../../../src/server/modules/prospects/mark-prospect-customer";
import { PROSPECT_PAGE_SIZE } from "../../../src/server/modules/prospects/prospect.schemas";
import { createPointRule } from "../../../src/server/modules/rules/point-rule.service";
import { addMember, createTenantWithMember } from "../support/factories";
import { prospectMention } from "./prospect-kit";

const rejectsWith = async (promise: Promise<unknown>, code: string) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
};

describe("prospects list", () => {
  it("ranks by reach × positive mentions with a stable tie order, and filters by network and followers", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const big = { id: "a-big", handle: "big", followers: 10_000 };
    const fan = { id: "a-fan", handle: "fan", followers: 1_000 };
    const tieA = { id: "a-tie1", handle: "tie1", followers: 500 };
    const tieB = { id: "a-tie2", handle: "tie2", followers: 500 };
    await prospectMention(ctx, big); // 10,000 × 1
    await prospectMention(ctx, big, { positive: false });
    for (let i = 0; i < 20; i++) await prospectMention(ctx, fan); // 1,000 × 20 = 20,000
    await prospectMention(ctx, tieB); // 500 each
    await prospectMention(ctx, tieA);
    await prospectMention(ctx, { id: "4sq", handle: "venuefan", followers: 50 }, { network: "FOURSQUARE" });
    await prospectMention(ctx, { id: "gone", handle: "gone", followers: 1 }, { status: "DELETED" });

    const all = await listProspects(ctx, {});
    expect(all.rows.map((r) => [r.authorExternalId, r.score])).toEqual([
      ["a-fan", 20_000],
      ["a-big", 10_000],
      ["a-tie1", 500],
      ["a-tie2", 500],
      ["4sq", 50],
    ]);
    expect(all.total).toBe(5);
    expect(all.rows[1]).toMatchObject({ reach: 10_000, positiveMentions: 1, mentions: 2 });
    expect(all.rows[0]!.recentMentions).toHaveLength(5);

    expect((await listProspects(ctx, { network: "FOURSQUARE" })).rows.map((r) => r.authorExternalId)).toEqual(["4sq"]);
    expect((await listProspects(ctx, { minFollowers: 1_000 })).rows.map((r) => r.authorExternalId)).toEqual(["a-fan", "a-big"]);
  });

  it("pages in the same order the whole list has", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const n = PROSPECT_PAGE_SIZE + 3;
    for (let i = 0; i < n; i++) await prospectMention(ctx, { id: `p${String(i).padStart(2, "0")}`, handle: `p${i}`, followers: 100 });
    const first = await listProspects(ctx, { page: 1 });
    const second = await listProspects(ctx, { page: 2 });
    const ids = [...first.rows, ...second.rows].map((r) => r.authorExternalId);
    expect(ids).toHaveLength(n);
    expect(new Set(ids).size).toBe(n);
    expect(ids).toEqual([...ids].sort());
  });

  it("shows only the tenant's own prospects, and refuses another tenant's author", async () => {
    const a = await createTenantWithMember("OWNER");
    const b = await createTenantWithMember("OWNER");
    await prospectMention(b.ctx, { id: "b-author", handle: "bfan", followers: 9_999 });
    expect((await listProspects(a.ctx, {})).total).toBe(0);
    await rejectsWith(inviteProspect(a.ctx, { network: "TWITTER", authorExternalId: "b-author", text: "hi" }), "NOT_FOUND");
    await rejectsWith(markProspectAsCustomer(a.ctx, { network: "TWITTER", authorExternalId: "b-author" }), "NOT_FOUND");
    expect(await getDb().customer.count({ where: { tenantId: a.ctx.tenantId } })).toBe(0);
  });
});

describe("invite to the rewards program", () => {
  it("records the edited text (hostile text kept as text), audits it and shows when it was recorded", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    await prospectMention(ctx, { id: "inv", handle: "invitee", followers: 10 });
    expect(defaultInvitationText("invitee", ctx.tenantSlug)).toContain(`/r/${ctx.tenantSlug}`);
    const text = `<img src=x onerror=alert(1)> join us ${defaultInvitationText("invitee", ctx.tenantSlug)}`;
    const row = await inviteProspect(ctx, { network: "TWITTER", authorExternalId: "inv", text });
    const stored = await getDb().prospectInvitation.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: row.id } });
    expect(stored).toMatchObject({ text, authorHandle: "invitee", network: "TWITTER", createdById: ctx.actor.id });
    const audit = await getDb().auditLog.findFirst({ where: { tenantId: ctx.tenantId, action: "prospect.invited", targetId: row.id } });
    expect(audit).not.toBeNull();
    expect((await listProspects(ctx, {})).rows[0]!.lastInvitedAt).toEqual(stored.createdAt);
  });

  it("is refused to a viewer", async () => {
    const owner = await createTenantWithMember("OWNER");
    const viewer = await addMember(owner.ctx, "VIEWER");
    await prospectMention(owner.ctx, { id: "v", handle: "v", followers: 1 });
    await rejectsWith(inviteProspect(viewer.ctx, { network: "TWITTER", authorExternalId: "v", text: "hi" }), "FORBIDDEN");
  });
});

describe("mark as customer", () => {
  it("creates the customer ready to link, removes the prospect from the list, and credits earlier mentions once the account is linked", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    await createPointRule(ctx, {
      network: "TWITTER",
      action: "MENTION",
      name: "Mentions",
      basePoints: 10,
      influenceCurve: "NONE",
      influenceFactor: 0,
      maxMultiplier: 1,
      dailyCap: null,
      minSentiment: null,
      enabled: true,
    });
    const author = { id: "conv", handle: "convert_me", followers: 300 };
    const m1 = await prospectMention(ctx, author);
    const m2 = await prospectMention(ctx, author);
    await prospectMention(ctx, { id: "other", handle: "other", followers: 1 });

    const { customerId } = await markProspectAsCustomer(ctx, { network: "TWITTER", authorExternalId: "conv" });
    const customer = await getDb().customer.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: customerId }, include: { socialProfiles: true } });
    expect(customer.displayName).toBe("@convert_me");
    expect(customer.socialProfiles).toHaveLength(0); // no consent, no link: ready to link
    expect((await listProspects(ctx, {})).rows.map((r) => r.authorExternalId)).toEqual(["other"]);
    expect(await getDb().auditLog.count({ where: { tenantId: ctx.tenantId, action: "prospect.marked_customer", targetId: customerId } })).toBe(1);
    await rejectsWith(markProspectAsCustomer(ctx, { network: "TWITTER", authorExternalId: "conv" }), "NOT_FOUND");

    const linked = await linkSocialProfile(ctx, {
      customerId,
      network: "TWITTER",
      externalUserId: "conv",
      handle: "convert_me",
      followers: 300,
      consent: { scopes: ["tweet.read"], allowPosting: false, policyVersion: "2026-11" },
    });
    expect(linked.earlierMentions).toMatchObject({ attributed: 2, credited: 2 });
    const credited = await getDb().mention.findMany({ where: { tenantId: ctx.tenantId, id: { in: [m1.id, m2.id] } } });
    expect(credited.every((m) => m.customerId === customerId && m.status === "CREDITED")).toBe(true);
  });

  it("makes the author a prospect again when that customer is deleted", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    await prospectMention(ctx, { id: "back", handle: "back", followers: 5 });
    const { customerId } = await markProspectAsCustomer(ctx, { network: "TWITTER", authorExternalId: "back" });
    await getDb().customer.deleteMany({ where: { tenantId: ctx.tenantId, id: customerId } });
    expect((await listProspects(ctx, {})).rows.map((r) => r.authorExternalId)).toEqual(["back"]);
  });
});
