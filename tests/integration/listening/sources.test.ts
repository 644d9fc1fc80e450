import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { getDb } from "../../../src/server/db/client";
import { AppError } from "../../../src/server/errors";
import { saveChannelConnection } from "../../../src/server/modules/channels/channel.service";
import { buildSearchQuery } from "../../../src/server/social/twitter/twitter-search-query";
import { markSourceRunning, markSourceSucceeded, markSourceThrottled } from "../../../src/server/modules/listening/source-sync";
import { createSource, deleteSource, getSourceOrThrow, listSources, updateSource } from "../../../src/server/modules/listening/source.service";
import { addMember, createTenantWithMember } from "../support/factories";

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e,
  );
}

async function expectAppError(promise: Promise<unknown>, code: AppError["code"]) {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe("listening sources", () => {
  it("creates sources in their stored form with a fresh sync state, and audits who added what", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const tag = await createSource(ctx, { network: "TWITTER", kind: "HASHTAG", value: "BrandX" });
    const handle = await createSource(ctx, { network: "TWITTER", kind: "HANDLE", value: "@Brand_X" });
    const venue = await createSource(ctx, { network: "FOURSQUARE", kind: "VENUE", value: "4BF58DD8D48988D1E0931735", enabled: false });
    expect(tag).toMatchObject({ value: "#brandx", enabled: true, connectionId: null });
    expect(tag.id).toMatch(/^src_[0-9a-f]{32}$/);
    expect(tag.sync).toEqual({ status: "IDLE", lastRunAt: null, nextRunAt: null, throttleCount: 0, lastError: null, hasCursor: false });
    expect(handle.value).toBe("@brand_x");
    expect(venue).toMatchObject({ value: "4bf58dd8d48988d1e0931735", enabled: false, sync: expect.objectContaining({ status: "DISABLED" }) });

    const listed = await listSources(ctx);
    expect(listed.map((s) => s.value)).toEqual(["#brandx", "@brand_x", "4bf58dd8d48988d1e0931735"]);
    expect((await listSources(ctx, { network: "FOURSQUARE" })).map((s) => s.id)).toEqual([venue.id]);

    const audit = await getDb().auditLog.findMany({ where: { tenantId: ctx.tenantId, targetId: tag.id } });
    expect(audit).toEqual([
      expect.objectContaining({
        action: "listening_source.created",
        actorType: "USER",
        actorId: ctx.actor.id,
        data: expect.objectContaining({ value: "#brandx" }),
      }),
    ]);
  });

  it("refuses invalid values with field errors naming what is allowed, and stores nothing", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const issuesOf = async (input: Parameters<typeof createSource>[1]) => {
      const error = await rejection(createSource(ctx, input));
      expect(error).toBeInstanceOf(ZodError);
      return (error as ZodError).issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    };
    expect(await issuesOf({ network: "TWITTER", kind: "KEYWORD", value: "x" })).toEqual([
      { path: "value", message: "a keyword must be 2 to 100 characters long" },
    ]);
    expect(await issuesOf({ network: "TWITTER", kind: "HANDLE", value: "@way_too_long_handle" })).toEqual([
      { path: "value", message: "a handle is 1 to 15 letters, digits or _, e.g. @brandx" },
    ]);
    expect(await issuesOf({ network: "TWITTER", kind: "VENUE", value: "4bf58dd8d48988d1e0931735" })).toEqual([
      { path: "kind", message: "TWITTER sources are KEYWORD, HASHTAG, HANDLE" },
    ]);
    expect((await issuesOf({ network: "MASTODON" as never, kind: "KEYWORD", value: "hello" }))[0]).toEqual({
      path: "network",
      message: "network must be TWITTER or FOURSQUARE",
    });
    expect(await listSources(ctx)).toEqual([]);
  });

  it("treats #BrandX and brandx as the same hashtag: the second one is a conflict on value", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    await createSource(ctx, { network: "TWITTER", kind: "HASHTAG", value: "#BrandX" });
    const error = await expectAppError(createSource(ctx, { network: "TWITTER", kind: "HASHTAG", value: "brandx" }), "CONFLICT");
    expect(error.issues).toEqual([{ path: "value", message: expect.stringMatching(/already tracked/) }]);
    // the same text as another kind, or in another tenant, is a different source
    await expect(createSource(ctx, { network: "TWITTER", kind: "KEYWORD", value: "brandx" })).resolves.toMatchObject({ value: "brandx" });
    const other = await createTenantWithMember("ADMIN");
    await expect(createSource(other.ctx, { network: "TWITTER", kind: "HASHTAG", value: "brandx" })).resolves.toMatchObject({ value: "#brandx" });
    expect(await listSources(ctx)).toHaveLength(2);
  });

  it("enforces roles: viewers and marketers read, only admins and owners change", async () => {
    const { ctx: owner } = await createTenantWithMember("OWNER");
    const source = await createSource(owner, { network: "TWITTER", kind: "KEYWORD", value: "brand x" });
    for (const role of ["VIEWER", "MARKETER"] as const) {
      const { ctx } = await addMember(owner, role);
      expect((await listSources(ctx)).map((s) => s.id)).toEqual([source.id]);
      await expectAppError(createSource(ctx, { network: "TWITTER", kind: "KEYWORD", value: "sneaky" }), "FORBIDDEN");
      await expectAppError(updateSource(ctx, source.id, { enabled: false }), "FORBIDDEN");
      await expectAppError(deleteSource(ctx, source.id), "FORBIDDEN");
    }
    const { ctx: admin } = await addMember(owner, "ADMIN");
    await expect(updateSource(admin, source.id, { enabled: false })).resolves.toMatchObject({ enabled: false });
    expect((await getSourceOrThrow(owner, source.id)).sync.status).toBe("DISABLED");
  });

  it("answers NOT_FOUND for another tenant's source on read, update and delete, and changes nothing", async () => {
    const a = await createTenantWithMember("OWNER");
    const b = await createTenantWithMember("OWNER");
    const theirs = await createSource(b.ctx, { network: "TWITTER", kind: "HASHTAG", value: "theirs" });
    await expectAppError(getSourceOrThrow(a.ctx, theirs.id), "NOT_FOUND");
    await expectAppError(updateSource(a.ctx, theirs.id, { value: "hijacked" }), "NOT_FOUND");
    await expectAppError(deleteSource(a.ctx, theirs.id), "NOT_FOUND");
    await expectAppError(getSourceOrThrow(a.ctx, "src_not-an-id"), "NOT_FOUND");
    expect(await getSourceOrThrow(b.ctx, theirs.id)).toMatchObject({ value: "#theirs", enabled: true });
    expect(await listSources(a.ctx)).toEqual([]);
  });

  it("refuses a connection of another tenant or network, and accepts its own", async () => {
    const a = await createTenantWithMember("OWNER");
    const b = await createTenantWithMember("OWNER");
    const bearerToken = "AAAAAAAAAAAAAAAAAAAAAMegaphoneSandboxDevBearerToken0000000000";
    const theirs = await saveChannelConnection(b.ctx, { network: "TWITTER", credentials: { kind: "bearer", bearerToken } });
    const ownFsq = await saveChannelConnection(a.ctx, {
      network: "FOURSQUARE",
      credentials: { clientId: "megaphone-dev-fsq-client", clientSecret: "megaphone-dev-fsq-secret", pushSecret: "megaphone-dev-push-secret" },
    });
    const own = await saveChannelConnection(a.ctx, { network: "TWITTER", credentials: { kind: "bearer", bearerToken } });
    for (const connectionId of [theirs.id, ownFsq.id]) {
      const error = await expectAppError(createSource(a.ctx, { network: "TWITTER", kind: "KEYWORD", value: "brand x", connectionId }), "VALIDATION_FAILED");
      expect(error.issues).toEqual([{ path: "connectionId", message: "no X connection with this id" }]);
    }
    await expect(createSource(a.ctx, { network: "TWITTER", kind: "KEYWORD", value: "brand x", connectionId: own.id })).resolves.toMatchObject({
      connectionId: own.id,
    });
  });

  it("changing the value validates it for the kind and starts the source over; enabling makes it due at once", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const source = await createSource(ctx, { network: "TWITTER", kind: "HASHTAG", value: "old" });
    const run = await markSourceRunning(ctx, source.id);
    expect(await markSourceThrottled(ctx, source.id, { resetAt: new Date(Date.now() + 60_000), startedAt: run!.startedAt })).toBe(true);
    const run2 = await markSourceRunning(ctx, source.id, { now: new Date(Date.now() + 61_000) });
    await markSourceSucceeded(ctx, source.id, { cursor: "1900000000000000000", nextRunAt: new Date(Date.now() + 120_000), startedAt: run2!.startedAt });
    expect((await getSourceOrThrow(ctx, source.id)).sync).toMatchObject({ status: "OK", hasCursor: true, throttleCount: 1 });

    const error = await expectAppError(updateSource(ctx, source.id, { value: "two words" }), "VALIDATION_FAILED");
    expect(error.issues).toEqual([{ path: "value", message: expect.stringMatching(/no spaces/) }]);

    const same = await updateSource(ctx, source.id, { value: "#OLD" });
    expect(same.sync).toMatchObject({ status: "OK", hasCursor: true });

    const renamed = await updateSource(ctx, source.id, { value: "New" });
    expect(renamed.value).toBe("#new");
    expect(renamed.sync).toEqual({ status: "IDLE", lastRunAt: expect.any(String), nextRunAt: null, throttleCount: 0, lastError: null, hasCursor: false });

    const disabled = await updateSource(ctx, source.id, { enabled: false });
    expect(disabled.sync.status).toBe("DISABLED");
    const enabled = await updateSource(ctx, source.id, { enabled: true });
    expect(enabled).toMatchObject({ enabled: true, sync: expect.objectContaining({ status: "IDLE", nextRunAt: null }) });

    const audit = await getDb().auditLog.findMany({ where: { tenantId: ctx.tenantId, targetId: source.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual([
      "listening_source.created",
      "listening_source.updated",
      "listening_source.updated",
      "listening_source.updated",
    ]);
    expect(audit[1]?.data).toEqual({ value: { from: "#old", to: "#new" } });
    expect(audit[2]?.data).toEqual({ enabled: false });
  });

  it("a value change conflicting with another source is refused and leaves both as they were", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    await createSource(ctx, { network: "TWITTER", kind: "HANDLE", value: "first" });
    const second = await createSource(ctx, { network: "TWITTER", kind: "HANDLE", value: "second" });
    await expectAppError(updateSource(ctx, second.id, { value: "@FIRST" }), "CONFLICT");
    expect((await listSources(ctx)).map((s) => s.value)).toEqual(["@first", "@second"]);
  });

  it("deletes a source and audits it; the enabled X sources build the tenant's search query", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const keep = await createSource(ctx, { network: "TWITTER", kind: "KEYWORD", value: "Brand X" });
    const gone = await createSource(ctx, { network: "TWITTER", kind: "HASHTAG", value: "gone" });
    await createSource(ctx, { network: "TWITTER", kind: "HANDLE", value: "paused", enabled: false });
    await createSource(ctx, { network: "TWITTER", kind: "HANDLE", value: "brandx" });
    await expect(deleteSource(ctx, gone.id)).resolves.toEqual({ deleted: true });
    await expectAppError(getSourceOrThrow(ctx, gone.id), "NOT_FOUND");
    const audit = await getDb().auditLog.findFirst({ where: { tenantId: ctx.tenantId, targetId: gone.id, action: "listening_source.deleted" } });
    expect(audit?.data).toMatchObject({ value: "#gone" });
    const queries = buildSearchQuery(await listSources(ctx, { network: "TWITTER" }));
    expect(queries).toEqual([{ query: '"brand x" OR @brandx', sourceIds: [keep.id, expect.any(String)] }]);
  });
});
