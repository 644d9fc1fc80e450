import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { systemContext } from "../../../src/server/auth/tenant-context";
import { getDb, unsafeCrossTenantDb } from "../../../src/server/db/client";
import { AppError } from "../../../src/server/errors";
import { getActiveChannelCredentials, getChannelCredentials, markNeedsReconnect } from "../../../src/server/modules/channels/channel-credentials";
import {
  deleteChannelConnection,
  findChannelConnection,
  listChannelConnections,
  saveChannelConnection,
  setChannelConnectionEnabled,
} from "../../../src/server/modules/channels/channel.service";
import { addMember, createTenantWithMember } from "../support/factories";

const BEARER = "AAAAAAAAAAAAAAAAAAAAAMegaphoneSandboxDevBearerToken0000000000";
const CLIENT_SECRET = "megaphone-dev-secret-7f3a9c";
const FSQ = { clientId: "megaphone-dev-fsq-client", clientSecret: "megaphone-dev-fsq-secret", pushSecret: "megaphone-dev-push-secret" };
const ALL_SECRETS = [BEARER, CLIENT_SECRET, FSQ.clientSecret, FSQ.pushSecret];

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

function expectNoSecret(value: unknown) {
  const text = JSON.stringify(value);
  for (const secret of ALL_SECRETS) expect(text).not.toContain(secret);
  // nor a recognisable piece of one
  expect(text).not.toContain("MegaphoneSandboxDevBearerToken");
}

describe("channel connections", () => {
  it("stores credentials encrypted and shows only a masked hint", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const saved = await saveChannelConnection(ctx, { network: "TWITTER", credentials: { kind: "bearer", bearerToken: BEARER } });
    expect(saved).toEqual({
      id: expect.stringMatching(/^chc_[0-9a-f]{32}$/),
      network: "TWITTER",
      label: "default",
      status: "ACTIVE",
      credentialKind: "bearer",
      hint: "bearer …0000",
      lastError: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const fsq = await saveChannelConnection(ctx, { network: "FOURSQUARE", credentials: FSQ });
    expect(fsq.hint).toBe("client id …ient, secret …cret, push secret …cret");
    const listed = await listChannelConnections(ctx);
    expect(listed.map((c) => c.network)).toEqual(["TWITTER", "FOURSQUARE"]);
    expectNoSecret(listed);
    expectNoSecret(await findChannelConnection(ctx, "TWITTER"));

    const row = await unsafeCrossTenantDb().channelConnection.findUniqueOrThrow({ where: { id: saved.id }, select: { credentialsCiphertext: true } });
    expect(row.credentialsCiphertext).toMatch(/^v1\.1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expectNoSecret(row);
    // the default client never returns the column
    const plain = await getDb().channelConnection.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: saved.id } });
    expect(plain).not.toHaveProperty("credentialsCiphertext");

    const forWorker = await getChannelCredentials(systemContext(ctx.tenantId), saved.id);
    expect(forWorker).toEqual({
      id: saved.id,
      tenantId: ctx.tenantId,
      label: "default",
      status: "ACTIVE",
      network: "TWITTER",
      credentials: { kind: "bearer", bearerToken: BEARER },
    });
    expect(await getActiveChannelCredentials(ctx, "FOURSQUARE")).toMatchObject({ network: "FOURSQUARE", credentials: { ...FSQ, kind: "app" } });
  });

  it("replaces credentials in place, re-activates the connection, and audits without the secret", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const first = await saveChannelConnection(ctx, { network: "TWITTER", credentials: { kind: "bearer", bearerToken: BEARER } });
    await markNeedsReconnect(ctx, first.id, "401 Unauthorized");
    const second = await saveChannelConnection(ctx, {
      network: "TWITTER",
      credentials: { kind: "client_credentials", clientId: "megaphone-dev-client", clientSecret: CLIENT_SECRET },
    });
    expect(second).toMatchObject({
      id: first.id,
      status: "ACTIVE",
      lastError: null,
      credentialKind: "client_credentials",
      hint: "client id …ient, secret …3a9c",
    });
    expect(await listChannelConnections(ctx)).toHaveLength(1);
    expect((await getChannelCredentials(ctx, first.id)).credentials).toEqual({
      kind: "client_credentials",
      clientId: "megaphone-dev-client",
      clientSecret: CLIENT_SECRET,
    });

    const audit = await getDb().auditLog.findMany({ where: { tenantId: ctx.tenantId, targetId: first.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["channel.created", "channel.needs_reconnect", "channel.credentials_replaced"]);
    expect(audit[2]?.data).toEqual({ network: "TWITTER", label: "default", credentialKind: "client_credentials", previousStatus: "NEEDS_RECONNECT" });
    expectNoSecret(audit);
  });

  it("binds ciphertexts to their tenant and row: a copied ciphertext does not decrypt", async () => {
    const a = await createTenantWithMember("OWNER");
    const b = await createTenantWithMember("OWNER");
    const mine = await saveChannelConnection(a.ctx, { network: "TWITTER", credentials: { kind: "bearer", bearerToken: `${BEARER}mine` } });
    const theirs = await saveChannelConnection(b.ctx, { network: "TWITTER", credentials: { kind: "bearer", bearerToken: BEARER } });
    const mineFsq = await saveChannelConnection(a.ctx, { network: "FOURSQUARE", credentials: FSQ });
    const db = unsafeCrossTenantDb();
    const stolen = await db.channelConnection.findUniqueOrThrow({ where: { id: theirs.id }, select: { credentialsCiphertext: true } });
    const own = await db.channelConnection.findUniqueOrThrow({ where: { id: mine.id }, select: { credentialsCiphertext: true } });

    // another tenant's ciphertext pasted into my row
    await db.channelConnection.update({ where: { id: mine.id }, data: { credentialsCiphertext: stolen.credentialsCiphertext } });
    const error = await expectAppError(getChannelCredentials(a.ctx, mine.id), "INTERNAL");
    expect(error.message).toBe("cannot decrypt");
    // my own ciphertext pasted into my other row
    await db.channelConnection.update({ where: { id: mineFsq.id }, data: { credentialsCiphertext: own.credentialsCiphertext } });
    await expectAppError(getChannelCredentials(a.ctx, mineFsq.id), "INTERNAL");
    // the list still renders, telling the admin to set them again
    const listed = await listChannelConnections(a.ctx);
    expect(listed.map((c) => [c.network, c.credentialKind, c.hint])).toEqual([
      ["TWITTER", null, "stored credentials cannot be read: set them again"],
      ["FOURSQUARE", null, "stored credentials cannot be read: set them again"],
    ]);
    // the owner still decrypts their own
    expect((await getChannelCredentials(b.ctx, theirs.id)).credentials).toEqual({ kind: "bearer", bearerToken: BEARER });
    // saving again repairs the row
    await saveChannelConnection(a.ctx, { network: "TWITTER", credentials: { kind: "bearer", bearerToken: `${BEARER}new` } });
    expect((await getChannelCredentials(a.ctx, mine.id)).credentials).toEqual({ kind: "bearer", bearerToken: `${BEARER}new` });
  });

  it("validates credentials per network with messages that name the field", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const issuesOf = async (input: unknown) => {
      const error = await rejection(saveChannelConnection(ctx, input as never));
      expect(error).toBeInstanceOf(ZodError);
      return (error as ZodError).issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    expect(await issuesOf({ network: "TWITTER", credentials: { kind: "bearer", bearerToken: "short" } })).toEqual([
      "credentials.bearerToken: the bearer token looks too short (at least 20 characters)",
    ]);
    expect(await issuesOf({ network: "TWITTER", credentials: { kind: "bearer", bearerToken: "   " } })).toEqual([
      "credentials.bearerToken: the bearer token is required",
    ]);
    expect(await issuesOf({ network: "TWITTER", credentials: { kind: "bearer", bearerToken: `${BEARER} x` } })).toEqual([
      "credentials.bearerToken: the bearer token may contain only visible ASCII characters, no spaces",
    ]);
    expect(await issuesOf({ network: "TWITTER", credentials: { kind: "client_credentials", clientId: "megaphone-dev-client" } })).toEqual([
      "credentials.clientSecret: the client secret is required",
    ]);
    expect(await issuesOf({ network: "TWITTER", credentials: { kind: "password", password: "hunter2" } })).toEqual([
      'credentials.kind: choose "bearer" (app bearer token) or "client_credentials" (client id and secret)',
    ]);
    expect(await issuesOf({ network: "FOURSQUARE", credentials: { clientId: FSQ.clientId, clientSecret: FSQ.clientSecret } })).toEqual([
      "credentials.pushSecret: the push secret is required",
    ]);
    expect((await issuesOf({ network: "TWITTER", credentials: { kind: "bearer", bearerToken: BEARER, extra: "x" } }))[0]).toMatch(/extra/);
    expect(await listChannelConnections(ctx)).toEqual([]);
  });

  it("enforces roles: viewers and marketers see the masked list; only admins and owners change or decrypt", async () => {
    const { ctx: owner } = await createTenantWithMember("OWNER");
    const saved = await saveChannelConnection(owner, { network: "TWITTER", credentials: { kind: "bearer", bearerToken: BEARER } });
    for (const role of ["VIEWER", "MARKETER"] as const) {
      const { ctx } = await addMember(owner, role);
      expect((await listChannelConnections(ctx)).map((c) => c.hint)).toEqual(["bearer …0000"]);
      await expectAppError(saveChannelConnection(ctx, { network: "TWITTER", credentials: { kind: "bearer", bearerToken: `${BEARER}1` } }), "FORBIDDEN");
      await expectAppError(setChannelConnectionEnabled(ctx, saved.id, false), "FORBIDDEN");
      await expectAppError(deleteChannelConnection(ctx, saved.id), "FORBIDDEN");
      await expectAppError(getChannelCredentials(ctx, saved.id), "FORBIDDEN");
    }
    const { ctx: admin } = await addMember(owner, "ADMIN");
    expect((await getChannelCredentials(admin, saved.id)).credentials).toEqual({ kind: "bearer", bearerToken: BEARER });
    expect((await getChannelCredentials(systemContext(owner.tenantId), saved.id)).status).toBe("ACTIVE");
  });

  it("answers NOT_FOUND for another tenant's connection everywhere", async () => {
    const a = await createTenantWithMember("OWNER");
    const b = await createTenantWithMember("OWNER");
    const theirs = await saveChannelConnection(b.ctx, { network: "TWITTER", credentials: { kind: "bearer", bearerToken: BEARER } });
    await expectAppError(getChannelCredentials(systemContext(a.ctx.tenantId), theirs.id), "NOT_FOUND");
    await expectAppError(getChannelCredentials(a.ctx, theirs.id), "NOT_FOUND");
    await expectAppError(setChannelConnectionEnabled(a.ctx, theirs.id, false), "NOT_FOUND");
    await expectAppError(deleteChannelConnection(a.ctx, theirs.id), "NOT_FOUND");
    expect(await markNeedsReconnect(a.ctx, theirs.id, "401")).toBe(false);
    expect(await getActiveChannelCredentials(a.ctx, "TWITTER", theirs.id)).toBeNull();
    expect(await findChannelConnection(a.ctx, "TWITTER")).toBeNull();
    expect((await listChannelConnections(b.ctx))[0]).toMatchObject({ id: theirs.id, status: "ACTIVE" });
  });

  it("marks a connection needs-reconnect once, with secrets scrubbed from the stored error", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const saved = await saveChannelConnection(ctx, { network: "TWITTER", credentials: { kind: "bearer", bearerToken: BEARER } });
    expect(await markNeedsReconnect(ctx, saved.id, `401 Unauthorized for token ${BEARER} (header Authorization: Bearer abc.def)`)).toBe(true);
    expect(await markNeedsReconnect(ctx, saved.id, "again")).toBe(false);
    const [listed] = await listChannelConnections(ctx);
    expect(listed).toMatchObject({ status: "NEEDS_RECONNECT", lastError: "401 Unauthorized for token [redacted] (header Authorization: Bearer [redacted])" });
    expect(await getActiveChannelCredentials(ctx, "TWITTER")).toBeNull();
    const audit = await getDb().auditLog.findMany({ where: { tenantId: ctx.tenantId, action: "channel.needs_reconnect" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "SYSTEM", actorId: null });
    expectNoSecret(audit);
  });

  it("disables, re-enables and deletes a connection, auditing each change", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const saved = await saveChannelConnection(ctx, { network: "FOURSQUARE", credentials: FSQ });
    expect((await setChannelConnectionEnabled(ctx, saved.id, false)).status).toBe("DISABLED");
    expect(await getActiveChannelCredentials(ctx, "FOURSQUARE")).toBeNull();
    expect(await markNeedsReconnect(ctx, saved.id, "401")).toBe(false); // a disabled connection stays disabled
    expect((await setChannelConnectionEnabled(ctx, saved.id, true)).status).toBe("ACTIVE");
    expect(await getActiveChannelCredentials(ctx, "FOURSQUARE")).not.toBeNull();
    await expect(deleteChannelConnection(ctx, saved.id)).resolves.toEqual({ deleted: true });
    expect(await listChannelConnections(ctx)).toEqual([]);
    await expectAppError(getChannelCredentials(ctx, saved.id), "NOT_FOUND");
    const audit = await getDb().auditLog.findMany({ where: { tenantId: ctx.tenantId, targetId: saved.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["channel.created", "channel.disabled", "channel.enabled", "channel.deleted"]);
    expectNoSecret(audit);
  });
});
