import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listTenantsForUser } from "../../src/server/auth/membership";
import { unsafeCrossTenantDb } from "../../src/server/db/client";
import { resetEnvCache } from "../../src/server/env";
import { getQueue } from "../../src/server/jobs/queues";
import { acceptInvitation, inviteMember, listMembers, previewInvitation } from "../../src/server/modules/members/member.service";
import { startWorkers, type RunningWorkers } from "../../src/workers/start-workers";
import { addMember, createTenantWithMember } from "./support/factories";

async function waitForMail(to: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const mail = await unsafeCrossTenantDb().mailMessage.findFirst({ where: { toEmail: to } });
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
}

function tokenFrom(text: string): string {
  const match = /\/invite\/([A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error("no invite link in the email");
  return match[1];
}

describe("inviting members", () => {
  let workers: RunningWorkers;
  beforeAll(() => {
    // The delivery log redacts invitation links; the development outbox keeps them, so these
    // tests read the link there (tests/security/mail-secrets.test.ts covers the redaction).
    process.env.MAIL_OUTBOX_PAGE = "true";
    resetEnvCache();
    workers = startWorkers({ concurrency: 2 });
  });
  afterAll(async () => {
    await workers.close();
    delete process.env.MAIL_OUTBOX_PAGE;
    resetEnvCache();
  });

  it("sends the invite through the mail job to the outbox, and the invitee joins with the role", async () => {
    const { ctx, tenant } = await createTenantWithMember("ADMIN", "Invite Brand");
    const invitation = await inviteMember(ctx, { email: "New.Hire@Example.test", role: "MARKETER" });
    expect(invitation.email).toBe("new.hire@example.test");

    const mail = await waitForMail("new.hire@example.test");
    expect(mail.subject).toBe("You're invited to Invite Brand on Megaphone");
    const token = tokenFrom(mail.text);
    expect(await previewInvitation(token)).toMatchObject({ tenantName: "Invite Brand", role: "MARKETER", accountExists: false });

    const joined = await acceptInvitation(token, { name: "New Hire", password: "a long enough password" });
    expect(joined.tenantSlug).toBe(tenant.slug);
    expect(await listTenantsForUser(joined.userId)).toEqual([expect.objectContaining({ slug: tenant.slug, role: "MARKETER" })]);
    expect((await listMembers(ctx)).map((m) => m.email)).toContain("new.hire@example.test");

    // single use
    await expect(acceptInvitation(token, { name: "Again", password: "a long enough password" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets an existing user join a second tenant only while signed in as the invited email", async () => {
    const first = await createTenantWithMember("OWNER");
    const second = await createTenantWithMember("OWNER");
    const stranger = await addMember(first.ctx, "VIEWER");
    await inviteMember(second.ctx, { email: first.user.email, role: "VIEWER" });
    const token = tokenFrom((await waitForMail(first.user.email)).text);
    expect((await previewInvitation(token)).accountExists).toBe(true);
    await expect(acceptInvitation(token, { name: "x", password: "a long enough password" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(acceptInvitation(token, { signedInUserId: stranger.user.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await acceptInvitation(token, { signedInUserId: first.user.id });
    expect((await listTenantsForUser(first.user.id)).map((t) => t.role).sort()).toEqual(["OWNER", "VIEWER"]);
  });

  it("refuses invites above one's own role, by viewers, and for existing members", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const viewer = await addMember(ctx, "VIEWER");
    const member = await addMember(ctx, "MARKETER");
    await expect(inviteMember(ctx, { email: "boss@example.test", role: "OWNER" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(inviteMember(viewer.ctx, { email: "x@example.test", role: "VIEWER" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(inviteMember(ctx, { email: member.user.email, role: "VIEWER" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(inviteMember(ctx, { email: "not-an-email", role: "VIEWER" })).rejects.toThrow(/valid email/);
  });

  it("fails a malformed mail job for good instead of retrying it forever", async () => {
    const queue = getQueue("mail");
    const job = await queue.add("mail.send", { to: "not-an-email" }, { attempts: 5 });
    const deadline = Date.now() + 10_000;
    let state = await job.getState();
    while (state !== "failed" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      state = await job.getState();
    }
    expect(state).toBe("failed");
    const failed = await queue.getJob(job.id!);
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toMatch(/invalid payload for mail.send/);
  });
});
