import { describe, expect, it } from "vitest";
import { listTenantsForUser, resolveMembership } from "../../src/server/auth/membership";
import { verifyCredentials } from "../../src/server/auth/sign-in";
import { unsafeCrossTenantDb } from "../../src/server/db/client";
import { getEnv } from "../../src/server/env";
import { AppError } from "../../src/server/errors";
import { signUp } from "../../src/server/modules/tenants/tenant.service";
import { signUpAndConfirm, someIp } from "./support/sign-up";

const password = "correct horse battery";

describe("sign-up and sign-in", () => {
  it("sign-up (confirmed) creates a user, a tenant and its OWNER; the password is stored as Argon2id", async () => {
    const result = await signUpAndConfirm({ name: "Tasti Owner", email: "Owner@Tasti.test", password, companyName: "Tasti D-Lite" });
    expect(result.tenantSlug).toBe("tasti-d-lite");
    const tenants = await listTenantsForUser(result.userId);
    expect(tenants).toEqual([{ id: result.tenantId, slug: "tasti-d-lite", name: "Tasti D-Lite", role: "OWNER" }]);
    const stored = await unsafeCrossTenantDb().user.findUnique({ where: { id: result.userId }, select: { email: true, passwordHash: true } });
    expect(stored?.email).toBe("owner@tasti.test");
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("creates no second account with the same email, and gives a second brand of the same name its own slug", async () => {
    await signUpAndConfirm({ name: "A", email: "a@brand.test", password, companyName: "Same Name" });
    await expect(signUp({ name: "A2", email: "A@brand.test", password, companyName: "Other" }, { ip: someIp() })).resolves.toEqual({
      status: "check-email",
      email: "a@brand.test",
    });
    expect(await unsafeCrossTenantDb().user.count({ where: { email: "a@brand.test" } })).toBe(1);
    expect(await unsafeCrossTenantDb().tenant.count({ where: { name: "Other" } })).toBe(0);
    const second = await signUpAndConfirm({ name: "B", email: "b@brand.test", password, companyName: "Same Name" });
    expect(second.tenantSlug).toBe("same-name-2");
  });

  it("rejects a weak password and a malformed email with field messages", async () => {
    await expect(signUp({ name: "W", email: "w@x.test", password: "short", companyName: "Weak" }, { ip: someIp() })).rejects.toThrow(/at least 10/);
    await expect(signUp({ name: "W", email: "nope", password, companyName: "Weak" }, { ip: someIp() })).rejects.toThrow(/valid email/);
  });

  it("signs in with the right password only", async () => {
    await signUpAndConfirm({ name: "Sam", email: "sam@brand.test", password, companyName: "Sam Co" });
    await expect(verifyCredentials("SAM@brand.test", password, "10.0.0.1")).resolves.toMatchObject({ email: "sam@brand.test" });
    await expect(verifyCredentials("sam@brand.test", "wrong password!", "10.0.0.1")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(verifyCredentials("ghost@brand.test", password, "10.0.0.1")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("locks an email + IP after LOGIN_MAX_FAILURES failures, even for the right password; other IPs still work", async () => {
    await signUpAndConfirm({ name: "Lock", email: "lock@brand.test", password, companyName: "Lock Co" });
    const max = getEnv().LOGIN_MAX_FAILURES;
    for (let i = 0; i < max; i++) {
      await expect(verifyCredentials("lock@brand.test", `wrong-${i}-password`, "10.0.0.9")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    }
    const locked = await verifyCredentials("lock@brand.test", password, "10.0.0.9").catch((e: unknown) => e);
    expect(locked).toBeInstanceOf(AppError);
    expect((locked as AppError).code).toBe("RATE_LIMITED");
    expect((locked as AppError).retryAfterSeconds).toBeGreaterThan(0);
    await expect(verifyCredentials("lock@brand.test", password, "10.0.0.10")).resolves.toMatchObject({ email: "lock@brand.test" });
  });

  it("resolves membership only for tenants the user belongs to", async () => {
    const mine = await signUpAndConfirm({ name: "M", email: "m@brand.test", password, companyName: "Mine" });
    const theirs = await signUpAndConfirm({ name: "T", email: "t@brand.test", password, companyName: "Theirs" });
    expect(await resolveMembership(mine.userId, mine.tenantSlug)).toMatchObject({ tenantId: mine.tenantId, role: "OWNER" });
    expect(await resolveMembership(mine.userId, theirs.tenantSlug)).toBeNull();
    expect(await resolveMembership(mine.userId, "no-such-tenant")).toBeNull();
  });
});
