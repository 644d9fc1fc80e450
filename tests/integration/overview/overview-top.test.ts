import { describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { awardMentionBonus } from "../../../src/server/modules/mentions/inbox/award-mention-bonus";
import { topAdvocates, topPosts } from "../../../src/server/modules/overview/overview-top";
import { addDays, resolvePeriod } from "../../../src/server/modules/overview/overview.schemas";
import { createTenantWithMember, makeCustomer } from "../support/factories";

/** A customer's X post, posted `minutesAgo` before now. */
async function post(ctx: TenantContext, customerId: string, minutesAgo: number) {
  return getDb().mention.create({
    data: {
      tenantId: ctx.tenantId,
      network: "TWITTER",
      externalId: `top-${customerId}-${minutesAgo}`,
      customerId,
      authorExternalId: `author-${customerId}`,
      authorHandle: `handle_${minutesAgo}`,
      authorFollowers: 10,
      text: `post ${minutesAgo}`,
      postedAt: new Date(Date.now() - minutesAgo * 60_000),
      status: "CREDITED",
    },
  });
}

describe("the overview's leaders", () => {
  it("rank advocates by points earned in the period (ties by name), with their distinct mentions; posts by net points (ties newest first)", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const names = ["Gil", "Ada", "Bea", "Cy", "Dot", "Eve", "Fay"];
    const people = new Map<string, string>();
    for (const name of names) people.set(name, (await makeCustomer(ctx, { displayName: name })).id);
    const id = (name: string) => people.get(name)!;
    const bonus = (mentionId: string, amount: number, key: string) => awardMentionBonus(ctx, { mentionId, amount, reason: "great post", idempotencyKey: key });

    // Ada: two posts (50 + 10) and a goodwill adjustment (5): 65 points, 2 mentions.
    const ada1 = await post(ctx, id("Ada"), 10);
    const ada2 = await post(ctx, id("Ada"), 20);
    await bonus(ada1.id, 50, "a1");
    await bonus(ada2.id, 10, "a2");
    await adjustPoints(ctx, { customerId: id("Ada"), amount: 5, reason: "goodwill", idempotencyKey: "ada" });
    // Bea and Cy tie at 40 (Bea first by name); Cy's post ties Bea's at 40 and is newer.
    const bea = await post(ctx, id("Bea"), 30);
    const cy = await post(ctx, id("Cy"), 5);
    await bonus(bea.id, 40, "b");
    await bonus(cy.id, 40, "c");
    // Dot, Eve and Gil tie at 30 for the last place: Dot by name.
    for (const [name, key] of [
      ["Dot", "d"],
      ["Eve", "e"],
      ["Gil", "g"],
    ] as const) {
      await adjustPoints(ctx, { customerId: id(name), amount: 30, reason: "event", idempotencyKey: key });
    }
    // A positive adjustment is earned; a later negative one is not earning and takes nothing off.
    await adjustPoints(ctx, { customerId: id("Fay"), amount: 100, reason: "event", idempotencyKey: "f1" });
    await adjustPoints(ctx, { customerId: id("Fay"), amount: -100, reason: "correction", idempotencyKey: "f2" });

    const period = resolvePeriod({ period: "7" });
    const leaders = await topAdvocates(ctx, period);
    expect(leaders.map((l) => [l.name, l.points, l.mentions])).toEqual([
      ["Fay", 100, 0],
      ["Ada", 65, 2],
      ["Bea", 40, 1],
      ["Cy", 40, 1],
      ["Dot", 30, 0],
    ]);

    const posts = await topPosts(ctx, period);
    expect(posts.map((p) => [p.mentionId, p.points, p.customer?.name])).toEqual([
      [ada1.id, 50, "Ada"],
      [cy.id, 40, "Cy"],
      [bea.id, 40, "Bea"],
      [ada2.id, 10, "Ada"],
    ]);

    // Both ways of finding the leaders give this answer: every customer's days, and the month's
    // best earners, which can prove it only when the last candidate earned less than the fifth.
    expect(await topAdvocates(ctx, period, { only: "all-days" })).toEqual(leaders);
    expect(await topAdvocates(ctx, period, { only: "months-best" })).toEqual(leaders);
    // Hal and Ivy earn less than the fifth: with the eight best as candidates (Ivy left out) the
    // eighth's 10 points are below the fifth's 30, so the months' best answer on their own.
    const hal = await makeCustomer(ctx, { displayName: "Hal" });
    const ivy = await makeCustomer(ctx, { displayName: "Ivy" });
    await adjustPoints(ctx, { customerId: hal.id, amount: 10, reason: "event", idempotencyKey: "h" });
    await adjustPoints(ctx, { customerId: ivy.id, amount: 5, reason: "event", idempotencyKey: "i" });
    expect(await topAdvocates(ctx, period, { only: "months-best", monthCandidates: 8 })).toEqual(leaders);
    // A custom year touches thirteen months, each with its own candidates; the leaders are the same.
    const today = new Date().toISOString().slice(0, 10);
    const year = resolvePeriod({ period: "custom", from: addDays(today, -365), to: today });
    expect(await topAdvocates(ctx, year, { only: "months-best", monthCandidates: 8 })).toEqual(leaders);
    expect(await topAdvocates(ctx, year, { only: "all-days" })).toEqual(leaders);
    // With only the two best as candidates the bound (Ada's 65) beats the fifth: the months' best
    // alone would miss three leaders, so the overview falls back to every customer's days.
    expect((await topAdvocates(ctx, period, { only: "months-best", monthCandidates: 2 })).map((l) => l.name)).toEqual(["Fay", "Ada"]);
    expect(await topAdvocates(ctx, period, { monthCandidates: 2 })).toEqual(leaders);
    // A tie at the bound proves nothing either (Dot, Eve and Gil share the sixth to eighth place).
    expect(await topAdvocates(ctx, period, { monthCandidates: 6 })).toEqual(leaders);

    // Another period (the 7 days before these entries) has no leaders.
    const before = resolvePeriod({ period: "custom", from: "2020-01-01", to: "2020-01-07" });
    expect(await topAdvocates(ctx, before)).toEqual([]);
    expect(await topPosts(ctx, before)).toEqual([]);
  });

  it("a tie with the last candidate is no proof: the name first among the tied may be outside the candidates", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    // Zoe is written before Amy, so the month's fifth place (a tie at 60) is likely Zoe's; Amy,
    // tied with her, comes first by name and is the fifth leader.
    for (const [name, amount] of [
      ["P1", 100],
      ["P2", 90],
      ["P3", 80],
      ["P4", 70],
      ["Zoe", 60],
      ["Amy", 60],
    ] as const) {
      const customer = await makeCustomer(ctx, { displayName: name });
      await adjustPoints(ctx, { customerId: customer.id, amount, reason: "event", idempotencyKey: name });
    }
    const period = resolvePeriod({ period: "7" });
    const all = await topAdvocates(ctx, period, { only: "all-days" });
    expect(all.map((l) => [l.name, l.points])).toEqual([
      ["P1", 100],
      ["P2", 90],
      ["P3", 80],
      ["P4", 70],
      ["Amy", 60],
    ]);
    expect(await topAdvocates(ctx, period, { monthCandidates: 5 })).toEqual(all);
    expect(await topAdvocates(ctx, period, { monthCandidates: 6 })).toEqual(all);
  });
});
