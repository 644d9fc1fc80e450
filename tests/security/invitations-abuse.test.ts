import { describe, expect, it } from "vitest";
import { resetLimit } from "../../src/server/abuse-limits";
import { unsafeCrossTenantDb } from "../../src/server/db/client";
import { getEnv } from "../../src/server/env";
import { INVITATION_LIMITS } from "../../src/server/modules/members/invitation-limits";
import { inviteMember } from "../../src/server/modules/members/member.service";
import { addMember, createTenantWithMember } from "../integration/support/factories";
import { queuedMails } from "../integration/support/queued-mail";

/** Invitations (issue 9, item 9): burst and daily limits per IP, account and brand; a brand name carries no link. */
let n = 0;
const invitee = () => `invitee-${++n}@example.test`;
const invite = (ctx: Parameters<typeof inviteMember>[0], ip?: string) => inviteMember(ctx, { email: invitee(), role: "VIEWER" }, { ip });

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (e: unknown) => e,
  );
}

describe("invitation limits", () => {
  it("limits one inviting account (burst); a colleague in the same brand can still invite", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const { accountBurst } = INVITATION_LIMITS;
    for (let i = 0; i < accountBurst.points; i++) await invite(ctx);
    expect(await refusal(invite(ctx))).toMatchObject({ code: "RATE_LIMITED", message: accountBurst.message, retryAfterSeconds: expect.any(Number) });
    const colleague = await addMember(ctx, "ADMIN");
    await expect(invite(colleague.ctx)).resolves.toMatchObject({ role: "VIEWER" });
  });

  it("limits one brand (burst) however many of its admins invite", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const { brandBurst, accountBurst } = INVITATION_LIMITS;
    let sent = 0;
    let admin = ctx;
    while (sent < brandBurst.points) {
      if (sent % accountBurst.points === 0) admin = (await addMember(ctx, "ADMIN")).ctx;
      await invite(admin);
      sent++;
    }
    const fresh = await addMember(ctx, "ADMIN");
    expect(await refusal(invite(fresh.ctx))).toMatchObject({ code: "RATE_LIMITED", message: brandBurst.message });
    // Another brand is not affected.
    await expect(invite((await createTenantWithMember("ADMIN")).ctx)).resolves.toBeDefined();
  });

  it("limits one client IP (burst) across accounts and brands", async () => {
    const ip = "203.0.113.7";
    const { ipBurst, accountBurst } = INVITATION_LIMITS;
    let ctx = (await createTenantWithMember("ADMIN")).ctx;
    for (let i = 0; i < ipBurst.points; i++) {
      if (i % accountBurst.points === 0) ctx = (await createTenantWithMember("ADMIN")).ctx;
      await invite(ctx, ip);
    }
    const other = (await createTenantWithMember("ADMIN")).ctx;
    expect(await refusal(invite(other, ip))).toMatchObject({ code: "RATE_LIMITED", message: ipBurst.message });
    await expect(invite(other, "203.0.113.8")).resolves.toBeDefined();
  });

  it("keeps a daily allowance per account once the bursts have passed", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const { accountBurst, accountDaily, brandBurst } = INVITATION_LIMITS;
    let refused: unknown = null;
    for (let i = 0; i <= accountDaily.points && !refused; i++) {
      // Stands in for the burst windows passing, without waiting ten minutes.
      if (i % accountBurst.points === 0) {
        await resetLimit(accountBurst, ctx.actor.id!);
        await resetLimit(brandBurst, ctx.tenantId);
      }
      refused = await refusal(invite(ctx));
    }
    expect(refused).toMatchObject({ code: "RATE_LIMITED", message: accountDaily.message });
  });
});

describe("the invitation email", () => {
  it("shows a hostile brand name without links, markup or header breaks; the invite link is the only link and a named secret", async () => {
    const hostile = "Evil https://evil.example <a href=x>\r\nBcc: victim@evil.example\u202E";
    const { ctx } = await createTenantWithMember("ADMIN", hostile);
    const email = invitee();
    const invitation = await inviteMember(ctx, { email, role: "MARKETER" });

    const [mail] = await queuedMails((m) => m.to === email);
    expect(mail).toBeDefined();
    for (const field of [mail!.subject, mail!.text]) {
      expect(field).not.toMatch(/evil\.example|https?:\/\/evil|[<>]|\u202E/);
      expect(field).toContain("Evil https[:]//evil[.]example a href=x");
    }
    expect(mail!.subject).not.toMatch(/[\r\n]/);
    const urls = mail!.text.match(/[a-z][a-z0-9+.-]*:\/\/\S+/gi) ?? [];
    expect(urls).toHaveLength(1);
    expect(urls[0]!.startsWith(new URL("/invite/", getEnv().APP_URL).toString())).toBe(true);
    expect(mail!.secrets).toEqual([urls[0]]);
    expect(mail!.clearBody).not.toContain(urls[0]);

    // The stored invitation keeps only the token's hash; the brand keeps its name as typed.
    const row = await unsafeCrossTenantDb().invitation.findFirstOrThrow({ where: { id: invitation.id } });
    expect(urls[0]).not.toContain(row.tokenHash);
    expect((await unsafeCrossTenantDb().tenant.findFirstOrThrow({ where: { id: ctx.tenantId } })).name).toBe(hostile);
  });

  it("caps a very long brand name", async () => {
    const { ctx } = await createTenantWithMember("ADMIN", `Brand ${"x".repeat(300)}`);
    const email = invitee();
    await inviteMember(ctx, { email, role: "VIEWER" });
    const [mail] = await queuedMails((m) => m.to === email);
    expect(mail!.subject.length).toBeLessThan(120);
    expect(mail!.subject).toContain("…");
  });
});
