import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { resolveMembership } from "../../src/server/auth/membership";
import { hashPassword } from "../../src/server/auth/password";
import { unsafeCrossTenantDb } from "../../src/server/db/client";
import { getEnv } from "../../src/server/env";
import { getAuthOptions } from "../../src/server/http/auth-options";
import { getSessionUser, sessionFromCookies } from "../../src/server/http/session";
import { verifyCredentials } from "../../src/server/auth/sign-in";
import { changeMemberRole, removeMember } from "../../src/server/modules/members/member-admin";
import { changePasswordAction } from "../../src/app/account/actions";
import { signOutAction, signOutEverywhereAction } from "../../src/app/actions/sign-out";
import { addMember, createTenantWithMember } from "../integration/support/factories";

/**
 * Session-end cases (issue 9, item 5). A "browser" is a cookie jar; copying a cookie value into
 * a second jar is what an attacker with a stolen cookie (or a second device) holds. Each case
 * asks the two places that decide whether a cookie still signs someone in: getSessionUser()
 * (every page, route handler and action) and next-auth's session callback (/api/auth/session).
 */
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  cookies: async () => ({
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
  }),
  headers: async () => new Headers(),
}));

const COOKIE = getEnv().APP_URL.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
const PASSWORD = "the first good password";

interface TestUser {
  id: string;
  email: string;
  name: string;
}

/** Signs in as next-auth does after the credentials check: the jwt callback, then the cookie. */
async function signIn(user: TestUser): Promise<string> {
  const callbacks = getAuthOptions().callbacks!;
  const token = await callbacks.jwt!({
    token: { name: user.name, email: user.email, sub: user.id },
    user: { id: user.id, email: user.email, name: user.name },
    account: { provider: "credentials", type: "credentials", providerAccountId: user.id },
    trigger: "signIn",
  } as never);
  return encode({ token, secret: getEnv().NEXTAUTH_SECRET, maxAge: getEnv().SESSION_MAX_AGE_SECONDS });
}

function holdCookie(cookie: string | null): void {
  jar.clear();
  if (cookie) jar.set(COOKIE, cookie);
}

/** Whether `cookie` still signs its holder in, asked of both deciders; they must agree. */
async function signsIn(cookie: string): Promise<boolean> {
  const { decode } = await import("next-auth/jwt");
  const token = await decode({ token: cookie, secret: getEnv().NEXTAUTH_SECRET });
  const session = await getAuthOptions().callbacks!.session!({
    session: { user: { name: token?.name, email: token?.email }, expires: new Date(Date.now() + 3600_000).toISOString() },
    token: token!,
  } as never);
  const viaSessionEndpoint = Boolean((session as { user?: { id?: string } }).user?.id);
  holdCookie(cookie);
  const viaGetSessionUser = (await getSessionUser()) !== null;
  expect(viaGetSessionUser).toBe(viaSessionEndpoint);
  return viaGetSessionUser;
}

async function staffUser(role: "OWNER" | "ADMIN" = "OWNER") {
  const { user, ctx, tenant } = await createTenantWithMember(role);
  await unsafeCrossTenantDb().user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(PASSWORD) } });
  return { user: { id: user.id, email: user.email, name: user.name }, ctx, tenant };
}

async function expectRedirectToSignIn(action: Promise<unknown>): Promise<void> {
  const error = await action.then(
    () => null,
    (e: unknown) => e,
  );
  expect(String((error as { digest?: string })?.digest ?? error)).toMatch(/NEXT_REDIRECT.*\/signin/);
}

describe("sessions that end", () => {
  beforeEach(() => jar.clear());

  it("a fresh sign-in is accepted, and a forged or foreign session id is not", async () => {
    const { user } = await staffUser();
    const cookie = await signIn(user);
    expect(await signsIn(cookie)).toBe(true);
    holdCookie(cookie);
    expect(await getSessionUser()).toEqual(user);

    const other = await staffUser();
    const otherCookie = await signIn(other.user);
    const { decode } = await import("next-auth/jwt");
    const otherSid = (await decode({ token: otherCookie, secret: getEnv().NEXTAUTH_SECRET }))?.sid;
    // A token for user A naming user B's session (or none) is no session at all.
    const mixed = await encode({ token: { email: user.email, name: user.name, uid: user.id, sid: otherSid }, secret: getEnv().NEXTAUTH_SECRET });
    expect(await signsIn(mixed)).toBe(false);
    const noSid = await encode({ token: { email: user.email, name: user.name, uid: user.id }, secret: getEnv().NEXTAUTH_SECRET });
    expect(await signsIn(noSid)).toBe(false);
  });

  it("sign-out ends the session: a copy of the cookie taken before is refused after", async () => {
    const { user } = await staffUser();
    const cookie = await signIn(user);
    const stolenCopy = cookie;
    const otherDevice = await signIn(user);

    holdCookie(cookie);
    await expectRedirectToSignIn(signOutAction());
    expect(jar.has(COOKIE)).toBe(false);

    expect(await signsIn(stolenCopy)).toBe(false);
    // Signing out here is not signing out everywhere.
    expect(await signsIn(otherDevice)).toBe(true);
  });

  it("sign out everywhere ends every session of the user, and only theirs", async () => {
    const { user, ctx } = await staffUser();
    const laptop = await signIn(user);
    const phone = await signIn(user);
    const colleague = await addMember(ctx, "VIEWER");
    const colleagueCookie = await signIn({ id: colleague.user.id, email: colleague.user.email, name: colleague.user.name });

    holdCookie(laptop);
    await expectRedirectToSignIn(signOutEverywhereAction());

    expect(await signsIn(laptop)).toBe(false);
    expect(await signsIn(phone)).toBe(false);
    expect(await signsIn(colleagueCookie)).toBe(true);
    // A new sign-in works again.
    expect(await signsIn(await signIn(user))).toBe(true);
  });

  it("a password change ends every session, copies of this cookie included, and re-issues this browser's", async () => {
    const { user } = await staffUser();
    const here = await signIn(user);
    const stolenCopy = here;
    const elsewhere = await signIn(user);
    const form = (currentPassword: string) => {
      const data = new FormData();
      data.set("currentPassword", currentPassword);
      data.set("newPassword", "a brand new password");
      return data;
    };

    holdCookie(here);
    expect(await changePasswordAction({ status: "idle" }, form("not my password"))).toMatchObject({
      status: "error",
      fieldErrors: { currentPassword: expect.any(String) },
    });
    expect(await signsIn(elsewhere)).toBe(true);

    holdCookie(here);
    expect(await changePasswordAction({ status: "idle" }, form(PASSWORD))).toMatchObject({ status: "ok" });
    const reissued = jar.get(COOKIE);
    expect(reissued).toBeDefined();
    expect(reissued).not.toBe(here);

    expect(await signsIn(reissued!)).toBe(true);
    expect(await signsIn(stolenCopy)).toBe(false);
    expect(await signsIn(elsewhere)).toBe(false);
    await expect(verifyCredentials(user.email, "a brand new password", "192.0.2.1")).resolves.toMatchObject({ id: user.id });
  });

  it("removing a member ends their sessions and the brand is gone for them at once", async () => {
    const { ctx, tenant } = await staffUser("ADMIN");
    const member = await addMember(ctx, "MARKETER");
    const cookie = await signIn({ id: member.user.id, email: member.user.email, name: member.user.name });
    expect(await signsIn(cookie)).toBe(true);
    const membership = await unsafeCrossTenantDb().membership.findFirstOrThrow({ where: { tenantId: tenant.id, userId: member.user.id } });

    await removeMember(ctx, { memberId: membership.id });

    expect(await signsIn(cookie)).toBe(false);
    expect(await resolveMembership(member.user.id, tenant.slug)).toBeNull();
    const audit = await unsafeCrossTenantDb().auditLog.findFirst({ where: { tenantId: tenant.id, action: "member.removed" } });
    expect(audit).toMatchObject({ actorId: ctx.actor.id, targetId: membership.id });
  });

  it("a role change ends the member's sessions; their next sign-in carries the new role", async () => {
    const { ctx, tenant } = await staffUser("OWNER");
    const member = await addMember(ctx, "ADMIN");
    const memberUser = { id: member.user.id, email: member.user.email, name: member.user.name };
    const cookie = await signIn(memberUser);
    const membership = await unsafeCrossTenantDb().membership.findFirstOrThrow({ where: { tenantId: tenant.id, userId: member.user.id } });

    await expect(changeMemberRole(ctx, { memberId: membership.id, role: "VIEWER" })).resolves.toEqual({ role: "VIEWER", changed: true });

    expect(await signsIn(cookie)).toBe(false);
    expect(await signsIn(await signIn(memberUser))).toBe(true);
    expect(await resolveMembership(member.user.id, tenant.slug)).toMatchObject({ role: "VIEWER" });
    const audit = await unsafeCrossTenantDb().auditLog.findFirst({ where: { tenantId: tenant.id, action: "member.role_changed" } });
    expect(audit?.data).toMatchObject({ from: "ADMIN", to: "VIEWER" });
  });

  it("role changes and removals follow the role ladder and never leave a brand without an owner", async () => {
    const { ctx, tenant } = await staffUser("OWNER");
    const admin = await addMember(ctx, "ADMIN");
    const viewer = await addMember(ctx, "VIEWER");
    const db = unsafeCrossTenantDb();
    const idOf = async (userId: string) => (await db.membership.findFirstOrThrow({ where: { tenantId: tenant.id, userId } })).id;
    const ownerId = await idOf(ctx.actor.id!);

    // An admin cannot raise anyone above admin, nor touch the owner; nobody changes themselves.
    await expect(changeMemberRole(admin.ctx, { memberId: await idOf(viewer.user.id), role: "OWNER" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(changeMemberRole(admin.ctx, { memberId: ownerId, role: "VIEWER" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(removeMember(admin.ctx, { memberId: ownerId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(changeMemberRole(ctx, { memberId: ownerId, role: "ADMIN" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Marketers and viewers manage nobody; a member id from another brand is not found.
    await expect(removeMember(viewer.ctx, { memberId: await idOf(admin.user.id) })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const elsewhere = await staffUser("OWNER");
    await expect(
      removeMember(ctx, { memberId: await (async () => (await db.membership.findFirstOrThrow({ where: { userId: elsewhere.user.id } })).id)() }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    // Two owners stepping each other down at the same moment: one wins, an owner remains.
    await changeMemberRole(ctx, { memberId: await idOf(admin.user.id), role: "OWNER" });
    const secondOwnerCtx = { ...admin.ctx, role: "OWNER" as const };
    const results = await Promise.allSettled([
      changeMemberRole(ctx, { memberId: await idOf(admin.user.id), role: "ADMIN" }),
      changeMemberRole(secondOwnerCtx, { memberId: ownerId, role: "ADMIN" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await db.membership.count({ where: { tenantId: tenant.id, role: "OWNER" } })).toBe(1);
    // The loser's context still says OWNER; the service re-reads the role and refuses.
    const loser = results[0].status === "rejected" ? { ctx, target: admin.user.id } : { ctx: secondOwnerCtx, target: ctx.actor.id! };
    await expect(removeMember(loser.ctx, { memberId: await idOf(loser.target) })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it(`ends a session idle for longer than SESSION_IDLE_TIMEOUT_SECONDS (${getEnv().SESSION_IDLE_TIMEOUT_SECONDS} s), not one in use`, async () => {
    const idle = getEnv().SESSION_IDLE_TIMEOUT_SECONDS * 1000;
    const { user } = await staffUser();
    const active = await signIn(user);
    const asleep = await signIn(user);
    const now = Date.now();
    const cookieJar = (cookie: string) => ({ getAll: () => [{ name: COOKIE, value: cookie }] });

    // The injectable clock: an hour before the timeout, the session is alive and its activity moves.
    expect(await sessionFromCookies(cookieJar(active), new Date(now + idle - 3600_000))).not.toBeNull();
    expect(await sessionFromCookies(cookieJar(active), new Date(now + 2 * idle - 7200_000))).not.toBeNull();
    // Untouched for the whole timeout: ended, and it stays ended when asked "earlier" again.
    expect(await sessionFromCookies(cookieJar(asleep), new Date(now + idle + 1000))).toBeNull();
    expect(await signsIn(asleep)).toBe(false);

    // The same through stored timestamps, as a real day without requests leaves them.
    const fresh = await signIn(user);
    const { decode } = await import("next-auth/jwt");
    const sid = (await decode({ token: fresh, secret: getEnv().NEXTAUTH_SECRET }))!.sid!;
    await unsafeCrossTenantDb().staffSession.update({ where: { id: sid }, data: { lastSeenAt: new Date(Date.now() - idle - 1000) } });
    expect(await signsIn(fresh)).toBe(false);
    expect(await unsafeCrossTenantDb().staffSession.findUnique({ where: { id: sid } })).toMatchObject({ endReason: "idle-timeout" });
  });

  it(`ends a session SESSION_MAX_AGE_SECONDS (${getEnv().SESSION_MAX_AGE_SECONDS} s) after sign-in however active it is`, async () => {
    const maxAge = getEnv().SESSION_MAX_AGE_SECONDS * 1000;
    const { user } = await staffUser();
    const cookie = await signIn(user);
    const { decode } = await import("next-auth/jwt");
    const sid = (await decode({ token: cookie, secret: getEnv().NEXTAUTH_SECRET }))!.sid!;
    await unsafeCrossTenantDb().staffSession.update({
      where: { id: sid },
      data: { createdAt: new Date(Date.now() - maxAge - 1000), lastSeenAt: new Date() },
    });
    expect(await signsIn(cookie)).toBe(false);
    expect(await unsafeCrossTenantDb().staffSession.findUnique({ where: { id: sid } })).toMatchObject({ endReason: "max-age" });
    // The cookie itself expires then too: it is no longer a 7-day constant.
    expect(getAuthOptions().session?.maxAge).toBe(getEnv().SESSION_MAX_AGE_SECONDS);
  });
});
