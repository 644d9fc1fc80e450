// Segments: CRUD with audit, validation with field messages, tenancy, roles, and the JSON API
// through its real guard (withTenant), with only the next-auth session lookup replaced.
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import type { SessionUser } from "../../../src/server/http/session";
import { addMember, createTenantWithMember, makeCustomer } from "../support/factories";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("../../../src/server/http/session", () => ({ getSessionUser: async () => session.user }));

const segmentsRoute = await import("../../../src/app/api/v1/tenants/[tenant]/segments/route");
const segmentRoute = await import("../../../src/app/api/v1/tenants/[tenant]/segments/[id]/route");
const membersRoute = await import("../../../src/app/api/v1/tenants/[tenant]/segments/[id]/members/route");
const { getEnv } = await import("../../../src/server/env");
const { getDb } = await import("../../../src/server/db/client");
const { toAppError } = await import("../../../src/server/http/problem");
const { createCampaign, updateCampaign } = await import("../../../src/server/modules/campaigns/campaign.service");
const { createSegment, deleteSegment, getSegmentOrThrow, listSegmentMembers, listSegments, updateSegment } =
  await import("../../../src/server/modules/segments/segment.service");

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

function signIn(member: { user: { id: string; email: string; name: string | null } }) {
  session.user = { id: member.user.id, email: member.user.email, name: member.user.name ?? "" };
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "expected the call to fail").not.toBeNull();
  return toAppError(error);
}

function auditOf(ctx: TenantContext, targetId: string) {
  return getDb().auditLog.findMany({ where: { tenantId: ctx.tenantId, targetId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

const IN_A_WEEK = () => ({ startsAt: new Date(Date.now() - 3600_000), endsAt: new Date(Date.now() + 7 * 24 * 3600_000) });

beforeEach(() => {
  session.user = null;
});

describe("segments", () => {
  it("are created, listed with member counts, renamed, re-filtered and deleted, each change audited", async () => {
    const { ctx, user } = await createTenantWithMember("MARKETER");
    await makeCustomer(ctx, { lifecycleStage: "LOYAL" });
    await makeCustomer(ctx, { lifecycleStage: "ADVOCATE" });
    await makeCustomer(ctx, { lifecycleStage: "CUSTOMER" });

    const loyal = await createSegment(ctx, { name: " Loyal fans ", filter: { lifecycleStages: ["ADVOCATE", "LOYAL"] } });
    expect(loyal).toMatchObject({
      name: "Loyal fans",
      filter: { lifecycleStages: ["LOYAL", "ADVOCATE"], sentimentLabels: [], minFollowers: null, minPoints: null, minLifetimeEarned: null },
      campaigns: [],
    });
    expect(loyal.id).toMatch(/^seg_[0-9a-f]{32}$/);
    await createSegment(ctx, { name: "Advocates", filter: { lifecycleStages: ["ADVOCATE"] } });

    expect((await listSegments(ctx)).items.map((s) => [s.name, s.memberCount])).toEqual([
      ["Advocates", 1],
      ["Loyal fans", 2],
    ]);

    const renamed = await updateSegment(ctx, loyal.id, { name: "Loyal and advocates" });
    expect(renamed.filter.lifecycleStages).toEqual(["LOYAL", "ADVOCATE"]);
    const refiltered = await updateSegment(ctx, loyal.id, { filter: { lifecycleStages: ["CUSTOMER"] } });
    expect(refiltered).toMatchObject({ name: "Loyal and advocates", filter: { lifecycleStages: ["CUSTOMER"] } });
    expect((await listSegmentMembers(ctx, loyal.id)).total).toBe(1);
    // An edit that changes nothing writes nothing.
    await updateSegment(ctx, loyal.id, { name: "Loyal and advocates", filter: { lifecycleStages: ["CUSTOMER"] } });

    expect(await deleteSegment(ctx, loyal.id)).toEqual({ deleted: true });
    expect((await failure(getSegmentOrThrow(ctx, loyal.id))).code).toBe("NOT_FOUND");

    const audit = await auditOf(ctx, loyal.id);
    expect(audit.map((a) => a.action)).toEqual(["segment.created", "segment.updated", "segment.updated", "segment.deleted"]);
    expect(audit.every((a) => a.actorType === "USER" && a.actorId === user.id)).toBe(true);
    expect(audit[1]?.data).toMatchObject({ changed: ["name"], before: { name: "Loyal fans" }, after: { name: "Loyal and advocates" } });
    expect(audit[2]?.data).toMatchObject({
      changed: ["filter"],
      before: { filter: { lifecycleStages: ["LOYAL", "ADVOCATE"] } },
      after: { filter: { lifecycleStages: ["CUSTOMER"] } },
    });
    expect(audit[3]?.data).toMatchObject({ before: { name: "Loyal and advocates" } });
  });

  it("refuse bad filters and taken names with messages on the fields, and write nothing", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    await createSegment(ctx, { name: "Promoters", filter: { sentimentLabels: ["PROMOTER"] } });

    const empty = await failure(createSegment(ctx, { name: "Everyone", filter: {} }));
    expect(empty).toMatchObject({ code: "VALIDATION_FAILED", issues: [{ path: "filter", message: expect.stringContaining("choose at least one condition") }] });
    const taken = await failure(createSegment(ctx, { name: "Promoters", filter: { minPoints: 10 } }));
    expect(taken).toMatchObject({ code: "CONFLICT", issues: [{ path: "name", message: "another segment already has this name" }] });
    const second = await createSegment(ctx, { name: "Rich", filter: { minPoints: 1000 } });
    expect((await failure(updateSegment(ctx, second.id, { name: "Promoters" }))).code).toBe("CONFLICT");
    expect(await failure(updateSegment(ctx, second.id, {}))).toMatchObject({ code: "VALIDATION_FAILED", issues: [{ message: "nothing to update" }] });

    signIn(await addMember(ctx, "ADMIN"));
    const base = `/api/v1/tenants/${ctx.tenantSlug}/segments`;
    const refused = await call(
      segmentsRoute.POST,
      "POST",
      base,
      { tenant: ctx.tenantSlug },
      {
        name: "",
        filter: { lifecycleStages: ["VIP"], minFollowers: -3, minPoints: 1.5, colour: "blue" },
      },
    );
    expect(refused.status).toBe(422);
    expect(refused.type).toBe("application/problem+json");
    expect(refused.json?.errors).toEqual(
      expect.arrayContaining([
        { path: "name", message: "name is required" },
        { path: "filter.lifecycleStages.0", message: "choose prospect, customer, loyal or advocate" },
        { path: "filter.minFollowers", message: "0 or more" },
        { path: "filter.minPoints", message: "enter a whole number" },
        { path: "filter", message: "unknown field(s): colour" },
      ]),
    );
    const noCondition = await call(segmentsRoute.POST, "POST", base, { tenant: ctx.tenantSlug }, { name: "All", filter: {} });
    expect(noCondition.status).toBe(422);
    expect(noCondition.json?.errors).toEqual([{ path: "filter", message: "choose at least one condition (a campaign for everyone needs no segment)" }]);
    expect((await listSegments(ctx)).items.map((s) => s.name)).toEqual(["Promoters", "Rich"]);
  });

  it("answer 404 for another tenant's segment everywhere, and list only the tenant's own", async () => {
    const mine = await createTenantWithMember("OWNER");
    const theirs = await createTenantWithMember("OWNER");
    const foreign = await createSegment(theirs.ctx, { name: "Theirs", filter: { minPoints: 1 } });
    await createSegment(mine.ctx, { name: "Mine", filter: { minPoints: 1 } });

    for (const attempt of [
      () => getSegmentOrThrow(mine.ctx, foreign.id),
      () => listSegmentMembers(mine.ctx, foreign.id),
      () => updateSegment(mine.ctx, foreign.id, { name: "Stolen" }),
      () => deleteSegment(mine.ctx, foreign.id),
      () => getSegmentOrThrow(mine.ctx, "seg_not-an-id"),
    ]) {
      expect((await failure(attempt())).code).toBe("NOT_FOUND");
    }
    expect((await listSegments(mine.ctx)).items.map((s) => s.name)).toEqual(["Mine"]);
    expect((await getSegmentOrThrow(theirs.ctx, foreign.id)).name).toBe("Theirs");

    signIn(mine);
    const base = `/api/v1/tenants/${mine.ctx.tenantSlug}/segments/${foreign.id}`;
    const params = { tenant: mine.ctx.tenantSlug, id: foreign.id };
    expect((await call(segmentRoute.GET, "GET", base, params)).status).toBe(404);
    expect((await call(segmentRoute.PATCH, "PATCH", base, params, { name: "Stolen" })).status).toBe(404);
    expect((await call(segmentRoute.DELETE, "DELETE", base, params)).status).toBe(404);
    expect((await call(membersRoute.GET, "GET", `${base}/members`, params)).status).toBe(404);
    // Their own tenant's URL with my session: not a member there.
    const theirBase = `/api/v1/tenants/${theirs.ctx.tenantSlug}/segments`;
    expect((await call(segmentsRoute.GET, "GET", theirBase, { tenant: theirs.ctx.tenantSlug })).status).toBe(404);
    expect((await getSegmentOrThrow(theirs.ctx, foreign.id)).name).toBe("Theirs");
  });

  it("serve the JSON API: create, read, list with counts, members page, patch, delete", async () => {
    const member = await createTenantWithMember("MARKETER");
    const { ctx } = member;
    const fan = await makeCustomer(ctx, { displayName: "Big Fan", lifecycleStage: "ADVOCATE" });
    signIn(member);
    const base = `/api/v1/tenants/${ctx.tenantSlug}/segments`;
    const created = await call(segmentsRoute.POST, "POST", base, { tenant: ctx.tenantSlug }, { name: "Advocates", filter: { lifecycleStages: ["ADVOCATE"] } });
    expect(created.status).toBe(201);
    const id = String(created.json?.id);
    const params = { tenant: ctx.tenantSlug, id };
    expect((await call(segmentRoute.GET, "GET", `${base}/${id}`, params)).json).toMatchObject({ id, name: "Advocates" });
    expect((await call(segmentsRoute.GET, "GET", base, { tenant: ctx.tenantSlug })).json).toEqual({
      items: [expect.objectContaining({ id, memberCount: 1 })],
    });
    const members = await call(membersRoute.GET, "GET", `${base}/${id}/members?pageSize=5`, params);
    expect(members.json).toEqual({
      items: [{ id: fan.id, displayName: "Big Fan", lifecycleStage: "ADVOCATE", sentimentLabel: null, followers: 0, points: 0, lifetimeEarned: 0 }],
      total: 1,
      page: 1,
      pageSize: 5,
    });
    expect((await call(membersRoute.GET, "GET", `${base}/${id}/members?pageSize=500`, params)).status).toBe(422);
    const patched = await call(segmentRoute.PATCH, "PATCH", `${base}/${id}`, params, { filter: { lifecycleStages: ["LOYAL"], minFollowers: 100 } });
    expect(patched.json).toMatchObject({ filter: { lifecycleStages: ["LOYAL"], minFollowers: 100 } });
    expect((await call(segmentRoute.DELETE, "DELETE", `${base}/${id}`, params)).json).toEqual({ deleted: true });
  });

  it("let viewers read only; a targeted segment keeps its conditions for admins and cannot be deleted", async () => {
    const { ctx: admin } = await createTenantWithMember("ADMIN");
    const marketer = (await addMember(admin, "MARKETER")).ctx;
    const viewer = (await addMember(admin, "VIEWER")).ctx;
    const segment = await createSegment(marketer, { name: "Influencers", filter: { minFollowers: 10_000 } });
    expect((await failure(createSegment(viewer, { name: "Nope", filter: { minPoints: 1 } }))).code).toBe("FORBIDDEN");
    expect((await failure(updateSegment(viewer, segment.id, { name: "Nope" }))).code).toBe("FORBIDDEN");
    expect((await failure(deleteSegment(viewer, segment.id))).code).toBe("FORBIDDEN");
    expect((await listSegments(viewer)).items).toHaveLength(1);

    const campaign = await createCampaign(admin, { name: "Influencer week", multiplier: 2, segmentId: segment.id, ...IN_A_WEEK() });
    expect(campaign.segment).toEqual({ id: segment.id, name: "Influencers" });
    expect((await getSegmentOrThrow(viewer, segment.id)).campaigns).toEqual([{ id: campaign.id, name: "Influencer week" }]);

    // A marketer may rename it, but not change who gets the campaign's multiplier; an admin may.
    await updateSegment(marketer, segment.id, { name: "Top influencers" });
    const forbidden = await failure(updateSegment(marketer, segment.id, { filter: { minFollowers: 1 } }));
    expect(forbidden).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("“Influencer week” targets this segment") });
    expect((await updateSegment(admin, segment.id, { filter: { minFollowers: 50_000 } })).filter.minFollowers).toBe(50_000);

    // Deleting it would make the campaign pay everyone: refused until the campaign lets go.
    const refused = await failure(deleteSegment(admin, segment.id));
    expect(refused).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("Influencer week") });
    expect((await getDb().campaign.findFirstOrThrow({ where: { tenantId: admin.tenantId, id: campaign.id } })).segmentId).toBe(segment.id);
    await updateCampaign(admin, campaign.id, { segmentId: null });
    expect(await deleteSegment(marketer, segment.id)).toEqual({ deleted: true });
  });
});
