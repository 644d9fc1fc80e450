import { describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import type { AppError } from "../../../src/server/errors";
import { toAppError } from "../../../src/server/http/problem";
import type { CampaignCreateInput } from "../../../src/server/modules/campaigns/campaign.schemas";
import { createCampaign, getCampaignOrThrow, listCampaigns, listSegmentOptions, updateCampaign } from "../../../src/server/modules/campaigns/campaign.service";
import { loadCampaigns } from "../../../src/server/modules/mentions/scoring-inputs";
import { analyzeSentiment } from "../../../src/server/modules/scoring/sentiment";
import { scoreAward } from "../../../src/server/modules/scoring/score-mention";
import { createPointRule } from "../../../src/server/modules/rules/point-rule.service";
import { addMember, createTenantWithMember } from "../support/factories";

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "expected the call to fail").not.toBeNull();
  return toAppError(error);
}

const d = (iso: string) => new Date(iso);
const summer = (overrides: Partial<CampaignCreateInput> = {}): CampaignCreateInput => ({
  name: "Summer double",
  startsAt: "2026-06-01T00:00:00Z",
  endsAt: "2026-07-01T00:00:00Z",
  multiplier: 2,
  ...overrides,
});

function makeSegment(ctx: TenantContext, name: string) {
  return getDb().segment.create({ data: { tenantId: ctx.tenantId, name, filter: {} }, select: { id: true, name: true } });
}

describe("campaigns", () => {
  it("creates a campaign for all networks by default, audited, with a status from the clock", async () => {
    const { ctx, user } = await createTenantWithMember("ADMIN");
    const created = await createCampaign(ctx, summer({ description: "  Twice the points in June  " }), d("2026-05-01T00:00:00Z"));
    expect(created).toMatchObject({
      name: "Summer double",
      description: "Twice the points in June",
      network: null,
      startsAt: "2026-06-01T00:00:00.000Z",
      endsAt: "2026-07-01T00:00:00.000Z",
      multiplier: 2,
      segment: null,
      status: "scheduled",
    });
    expect(created.id).toMatch(/^cmp_[0-9a-f]{32}$/);
    expect((await getCampaignOrThrow(ctx, created.id, d("2026-06-15T00:00:00Z"))).status).toBe("running");
    expect((await getCampaignOrThrow(ctx, created.id, d("2026-07-01T00:00:00Z"))).status).toBe("ended");
    const audit = await getDb().auditLog.findMany({ where: { tenantId: ctx.tenantId, targetId: created.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "campaign.created", targetType: "Campaign", actorId: user.id });
    expect(audit[0]?.data).toMatchObject({ after: { name: "Summer double", multiplier: 2, network: null } });
  });

  it("validates the window, the multiplier and the name, and refuses a duplicate name", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const cases: [Partial<CampaignCreateInput>, string][] = [
      [{ endsAt: "2026-06-01T00:00:00Z" }, "endsAt"], // equal to start
      [{ endsAt: "2026-05-01T00:00:00Z" }, "endsAt"],
      [{ startsAt: "June 1st" }, "startsAt"],
      [{ startsAt: "2026-06-01T00:00:00" }, "startsAt"], // no offset: ambiguous
      [{ multiplier: 0.5 }, "multiplier"],
      [{ multiplier: 11 }, "multiplier"],
      [{ multiplier: 1.333 }, "multiplier"],
      [{ name: "" }, "name"],
      [{ network: "MYSPACE" as never }, "network"],
      [{ segmentId: "seg_nope" }, "segmentId"],
    ];
    for (const [overrides, path] of cases) {
      const error = await failure(createCampaign(ctx, summer(overrides)));
      expect(error.code, JSON.stringify(overrides)).toBe("VALIDATION_FAILED");
      expect(
        error.issues.map((i) => i.path),
        JSON.stringify(overrides),
      ).toContain(path);
    }
    await createCampaign(ctx, summer());
    const dup = await failure(createCampaign(ctx, summer({ multiplier: 3 })));
    expect(dup.code).toBe("CONFLICT");
    expect(dup.issues[0]?.path).toBe("name");
    expect((await listCampaigns(ctx)).total).toBe(1);
  });

  it("targets only a segment of the same tenant", async () => {
    const a = await createTenantWithMember("OWNER");
    const b = await createTenantWithMember("OWNER");
    const ours = await makeSegment(a.ctx, "Top influencers");
    const theirs = await makeSegment(b.ctx, "Their VIPs");
    expect(await listSegmentOptions(a.ctx)).toEqual([{ id: ours.id, name: "Top influencers" }]);
    const created = await createCampaign(a.ctx, summer({ segmentId: ours.id }));
    expect(created.segment).toEqual({ id: ours.id, name: "Top influencers" });
    const foreign = await failure(createCampaign(a.ctx, summer({ name: "Steal", segmentId: theirs.id })));
    expect(foreign.code).toBe("VALIDATION_FAILED");
    expect(foreign.issues).toEqual([{ path: "segmentId", message: "no such segment in this brand" }]);
    const edit = await failure(updateCampaign(a.ctx, created.id, { segmentId: theirs.id }));
    expect(edit.issues[0]?.path).toBe("segmentId");
    expect((await getCampaignOrThrow(a.ctx, created.id)).segment?.id).toBe(ours.id);
  });

  it("updates a campaign, checking the window as it would become, with before/after in the audit log", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const c = await createCampaign(ctx, summer());
    // moving only the start past the stored end is refused
    const error = await failure(updateCampaign(ctx, c.id, { startsAt: "2026-08-01T00:00:00Z" }));
    expect(error.issues.map((i) => i.path)).toContain("endsAt");
    const updated = await updateCampaign(ctx, c.id, { multiplier: 1.5, network: "FOURSQUARE", endsAt: "2026-06-15T00:00:00+02:00" });
    expect(updated).toMatchObject({ name: "Summer double", multiplier: 1.5, network: "FOURSQUARE", endsAt: "2026-06-14T22:00:00.000Z" });
    // clearing the network goes back to all networks; absent fields stay as they are
    expect(await updateCampaign(ctx, c.id, { network: null })).toMatchObject({ network: null, multiplier: 1.5 });
    const audit = await getDb().auditLog.findMany({ where: { tenantId: ctx.tenantId, targetId: c.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(audit.map((a) => a.action)).toEqual(["campaign.created", "campaign.updated", "campaign.updated"]);
    expect(audit[1]?.data).toMatchObject({
      changed: ["network", "endsAt", "multiplier"],
      before: { multiplier: 2, network: null, endsAt: "2026-07-01T00:00:00.000Z" },
      after: { multiplier: 1.5, network: "FOURSQUARE", endsAt: "2026-06-14T22:00:00.000Z" },
    });
  });

  it("lists by status and paginates", async () => {
    const { ctx } = await createTenantWithMember("VIEWER");
    const admin = await addMember(ctx, "ADMIN");
    const now = d("2026-06-15T00:00:00Z");
    await createCampaign(admin.ctx, summer({ name: "Past", startsAt: "2026-01-01T00:00:00Z", endsAt: "2026-02-01T00:00:00Z" }));
    await createCampaign(admin.ctx, summer({ name: "Now" }));
    await createCampaign(admin.ctx, summer({ name: "Later", startsAt: "2026-09-01T00:00:00Z", endsAt: "2026-10-01T00:00:00Z" }));
    const all = await listCampaigns(ctx, {}, now);
    expect(all.items.map((c) => [c.name, c.status])).toEqual([
      ["Later", "scheduled"],
      ["Now", "running"],
      ["Past", "ended"],
    ]);
    expect((await listCampaigns(ctx, { status: "running" }, now)).items.map((c) => c.name)).toEqual(["Now"]);
    expect((await listCampaigns(ctx, { status: "ended" }, now)).items.map((c) => c.name)).toEqual(["Past"]);
    expect((await listCampaigns(ctx, { status: "scheduled" }, now)).items.map((c) => c.name)).toEqual(["Later"]);
    const page2 = await listCampaigns(ctx, { page: 2, pageSize: 2 }, now);
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.items.map((c) => c.name)).toEqual(["Past"]);
  });

  it("finds the campaigns applicable at a time and on a network (window start included, end excluded)", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    await createCampaign(ctx, summer({ name: "All networks", multiplier: 1.5 }));
    const x = await createCampaign(ctx, summer({ name: "X only", network: "TWITTER", multiplier: 3 }));
    await createCampaign(ctx, summer({ name: "Foursquare only", network: "FOURSQUARE", multiplier: 4 }));
    await createCampaign(ctx, summer({ name: "Autumn", startsAt: "2026-09-01T00:00:00Z", endsAt: "2026-10-01T00:00:00Z", multiplier: 5 }));
    const other = await createTenantWithMember("OWNER");
    await createCampaign(other.ctx, summer({ name: "Other tenant", multiplier: 9 }));

    // What ingest loads for a page whose mentions were all posted at `at` (scoring-inputs.ts).
    const names = async (at: string, network: "TWITTER" | "FOURSQUARE") => (await loadCampaigns(getDb(), ctx, network, d(at), d(at))).map((c) => c.name).sort();
    expect(await names("2026-06-15T00:00:00Z", "TWITTER")).toEqual(["All networks", "X only"]);
    expect(await names("2026-06-15T00:00:00Z", "FOURSQUARE")).toEqual(["All networks", "Foursquare only"]);
    expect(await names("2026-06-01T00:00:00Z", "TWITTER")).toEqual(["All networks", "X only"]);
    expect(await names("2026-05-31T23:59:59.999Z", "TWITTER")).toEqual([]);
    expect(await names("2026-07-01T00:00:00Z", "TWITTER")).toEqual([]);
    expect(await names("2026-09-15T00:00:00Z", "FOURSQUARE")).toEqual(["Autumn"]);

    // end to end with the scorer: the best applicable campaign multiplies a stored rule
    const rule = await createPointRule(ctx, { network: "TWITTER", action: "MENTION", name: "Tweet", basePoints: 10, influenceCurve: "NONE" });
    const at = d("2026-06-15T00:00:00Z");
    const result = scoreAward({
      rule,
      followers: 500,
      sentiment: analyzeSentiment("love it 😍"),
      at,
      campaigns: await loadCampaigns(getDb(), ctx, "TWITTER", at, at),
      awardedTodayForRule: 0,
    });
    expect(result.points).toBe(30);
    expect(result.explanation.campaign).toEqual({ id: x.id, name: "X only", multiplier: 3 });
  });

  it("enforces roles and answers NOT_FOUND for another tenant's campaign", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const marketer = await addMember(ctx, "MARKETER");
    const c = await createCampaign(ctx, summer());
    await expect(getCampaignOrThrow(marketer.ctx, c.id)).resolves.toMatchObject({ id: c.id });
    expect((await failure(createCampaign(marketer.ctx, summer({ name: "Mine" })))).code).toBe("FORBIDDEN");
    expect((await failure(updateCampaign(marketer.ctx, c.id, { multiplier: 5 }))).code).toBe("FORBIDDEN");

    const other = await createTenantWithMember("OWNER");
    expect((await failure(getCampaignOrThrow(other.ctx, c.id))).code).toBe("NOT_FOUND");
    expect((await failure(updateCampaign(other.ctx, c.id, { multiplier: 5 }))).code).toBe("NOT_FOUND");
    expect((await failure(getCampaignOrThrow(other.ctx, "cmp_x"))).code).toBe("NOT_FOUND");
    expect((await listCampaigns(other.ctx)).total).toBe(0);
    expect(await loadCampaigns(getDb(), other.ctx, "TWITTER", d("2026-06-15T00:00:00Z"), d("2026-06-15T00:00:00Z"))).toEqual([]);
    expect((await getCampaignOrThrow(ctx, c.id)).multiplier).toBe(2);
  });
});
