import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unsafeCrossTenantDb } from "../../src/server/db/client";
import { resetEnvCache } from "../../src/server/env";
import { resendInvitation, revokeInvitation } from "../../src/server/modules/members/invitation-admin";
import { acceptInvitation, inviteMember, listPendingInvitations } from "../../src/server/modules/members/member.service";
import { startWorkers, type RunningWorkers } from "../../src/workers/start-workers";
import { addMember, createTenantWithMember } from "./support/factories";

async function mailsTo(to: string, count: number, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const mails = await unsafeCrossTenantDb().mailMessage.findMany({ where: { toEmail: to }, orderBy: { createdAt: "asc" } });
    if (mails.length >= count) return mails;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`fewer than ${count} mails to ${to} within ${timeoutMs} ms`);
}

const tokenFrom = (text: string) => /\/invite\/([A-Za-z0-9_-]+)/.exec(text)![1]!;
const auditOf = (tenantId: string, action: string) => unsafeCrossTenantDb().auditLog.count({ where: { tenantId, action } });

describe("managing pending invitations", () => {
  let workers: RunningWorkers;
  beforeAll(() => {
    // The development outbox keeps the links the delivery log would redact.
    process.env.MAIL_OUTBOX_PAGE = "true";
    resetEnvCache();
    workers = startWorkers({ concurrency: 2 });
  });
  afterAll(async () => {
    await workers.close();
    delete process.env.MAIL_OUTBOX_PAGE;
    resetEnvCache();
  });

  it("revoking ends the link at once and is audited", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const invitation = await inviteMember(ctx, { email: "revoked@example.test", role: "MARKETER" });
    const token = tokenFrom((await mailsTo("revoked@example.test", 1))[0]!.text);
    expect(await revokeInvitation(ctx, { invitationId: invitation.id })).toEqual({ email: "revoked@example.test" });
    expect(await listPendingInvitations(ctx)).toEqual([]);
    await expect(acceptInvitation(token, { name: "Late", password: "a long enough password" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await auditOf(ctx.tenantId, "member.invitation_revoked")).toBe(1);
    // A revoked invitation cannot be revoked or resent again.
    await expect(revokeInvitation(ctx, { invitationId: invitation.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resendInvitation(ctx, { invitationId: invitation.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("resending mails a new link with a fresh week; the old link stops working, the new one joins", async () => {
    const { ctx, tenant } = await createTenantWithMember("OWNER");
    const first = await inviteMember(ctx, { email: "again@example.test", role: "VIEWER" });
    const oldToken = tokenFrom((await mailsTo("again@example.test", 1))[0]!.text);
    const second = await resendInvitation(ctx, { invitationId: first.id });
    expect(second).toMatchObject({ email: "again@example.test", role: "VIEWER" });
    expect(second.id).not.toBe(first.id);
    expect((await listPendingInvitations(ctx)).map((i) => i.id)).toEqual([second.id]);
    const newToken = tokenFrom((await mailsTo("again@example.test", 2))[1]!.text);
    expect(newToken).not.toBe(oldToken);
    await expect(acceptInvitation(oldToken, { name: "Old", password: "a long enough password" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const joined = await acceptInvitation(newToken, { name: "New", password: "a long enough password" });
    expect(joined.tenantSlug).toBe(tenant.slug);
  });

  it("refuses members without members:invite, invitations above one's role, and another brand's invitation", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const marketer = await addMember(ctx, "MARKETER");
    const admin = await addMember(ctx, "ADMIN");
    const forOwner = await inviteMember(ctx, { email: "co-owner@example.test", role: "OWNER" });
    const forViewer = await inviteMember(ctx, { email: "viewer@example.test", role: "VIEWER" });
    await expect(revokeInvitation(marketer.ctx, { invitationId: forViewer.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(resendInvitation(marketer.ctx, { invitationId: forViewer.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(revokeInvitation(admin.ctx, { invitationId: forOwner.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(resendInvitation(admin.ctx, { invitationId: forOwner.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const other = await createTenantWithMember("OWNER");
    await expect(revokeInvitation(other.ctx, { invitationId: forViewer.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resendInvitation(other.ctx, { invitationId: forViewer.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listPendingInvitations(ctx)).map((i) => i.id).sort()).toEqual([forOwner.id, forViewer.id].sort());
    await revokeInvitation(admin.ctx, { invitationId: forViewer.id });
    expect((await listPendingInvitations(ctx)).map((i) => i.id)).toEqual([forOwner.id]);
  });
});
