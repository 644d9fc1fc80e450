// Issue 12 item 2: the brand connects its X account by OAuth 2.0 + PKCE from Channels (the real
// twitter-api-v2 client against the sandbox), and the inbox replies as it, threaded under the
// mention at the network, stored and shown. A refused post fails that reply only; a refused grant
// stops replies until the brand connects again; the same form sent twice posts once.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { resetEnvCache } from "../../../src/server/env";
import { getBrandAccount, disconnectBrandAccount } from "../../../src/server/modules/brand-accounts/brand-accounts";
import { finishBrandConnect, startBrandConnect } from "../../../src/server/modules/brand-accounts/connect-brand-account";
import { listMentionReplies, replyToMention } from "../../../src/server/modules/mentions/inbox/reply-to-mention";
import { inviteProspect } from "../../../src/server/modules/prospects/invite-prospect";
import type { SandboxHandle } from "../../../src/sandbox/start-sandbox";
import { sandboxPost, sandboxUser, startPipelineSandbox } from "../pipeline/pipeline-kit";
import { answerXConsent, type ConsentDecision } from "../support/x-consent";
import { addMember, createTenantWithMember } from "../support/factories";
import { seedMention } from "./inbox-kit";

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startPipelineSandbox();
});
afterAll(async () => {
  await sandbox.close();
  delete process.env.TWITTER_API_BASE_URL;
  resetEnvCache();
});

const REDIRECT = "http://127.0.0.1:3999/api/v1/tenants/brand/brand-accounts/twitter/callback";
const username = () => `b${randomUUID().replaceAll("-", "").slice(0, 12)}`;

const consentAt = (url: string, decision: ConsentDecision) => answerXConsent(sandbox.url, url, decision);

async function connectBrand(ctx: TenantContext, handle = username()) {
  const { url } = await startBrandConnect(ctx, { network: "TWITTER" }, { redirectUri: REDIRECT });
  const outcome = await finishBrandConnect(ctx, await consentAt(url, { approveAs: handle }), { redirectUri: REDIRECT });
  expect(outcome).toEqual({ ok: true, handle });
  return handle;
}

/** A fan's post at the sandbox, stored as the pipeline would store the mention. */
async function fanMention(ctx: TenantContext, text = `Does the shop open on Sunday? ${randomUUID().slice(0, 6)}`) {
  const fan = username();
  await sandboxUser(sandbox.url, fan, 120);
  const postId = await sandboxPost(sandbox.url, fan, text);
  const mention = await seedMention(ctx, { text });
  await getDb().mention.updateMany({ where: { tenantId: ctx.tenantId, id: mention.id }, data: { externalId: postId, authorHandle: fan } });
  return { mentionId: mention.id, postId };
}

const repliesUnder = (postId: string) => sandbox.state.posts.posts.filter((p) => p.kind === "reply" && p.refId === postId && !p.deleted);

describe("connecting the brand's X account", () => {
  it("connects through the consent page: tokens sealed, posting granted, state spent and single-use, audited", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const handle = username();
    const { url } = await startBrandConnect(ctx, { network: "TWITTER" }, { redirectUri: REDIRECT });
    const authorize = new URL(url);
    expect(authorize.origin).toBe(sandbox.url);
    expect(authorize.searchParams.get("scope")!.split(" ").sort()).toEqual(["offline.access", "tweet.read", "tweet.write", "users.read"]);
    const attempt = await getDb().brandConnectAttempt.findFirstOrThrow({ where: { tenantId: ctx.tenantId } });
    expect(JSON.stringify(attempt)).not.toContain(authorize.searchParams.get("state")!);

    const back = await consentAt(url, { approveAs: handle });
    expect(await finishBrandConnect(ctx, back, { redirectUri: REDIRECT })).toEqual({ ok: true, handle });
    const account = await getBrandAccount(ctx, "TWITTER");
    expect(account).toMatchObject({ handle, status: "ACTIVE", canPost: true });
    const row = await getDb().brandSocialAccount.findFirstOrThrow({ where: { tenantId: ctx.tenantId }, omit: { tokensCiphertext: false } });
    expect(row.tokensCiphertext.length).toBeGreaterThan(40);
    for (const token of sandbox.state.xAuth["access"].keys()) expect(row.tokensCiphertext).not.toContain(token); // sealed, not the token
    expect(row.scopes).toContain("tweet.write");
    expect(await getDb().auditLog.count({ where: { tenantId: ctx.tenantId, action: "brand_account.connected" } })).toBe(1);

    // The same callback again (a reload, a replay): refused, nothing changes.
    expect(await finishBrandConnect(ctx, back, { redirectUri: REDIRECT })).toEqual({ ok: false, failure: "state" });
  });

  it("a denial, a foreign member's state, a viewer and a grant without posting connect nothing", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const { url } = await startBrandConnect(ctx, { network: "TWITTER" }, { redirectUri: REDIRECT });
    expect(await finishBrandConnect(ctx, await consentAt(url, "deny"), { redirectUri: REDIRECT })).toEqual({ ok: false, failure: "denied" });

    const second = await startBrandConnect(ctx, { network: "TWITTER" }, { redirectUri: REDIRECT });
    const admin = await addMember(ctx, "ADMIN");
    expect(await finishBrandConnect(admin.ctx, await consentAt(second.url, { approveAs: username() }), { redirectUri: REDIRECT })).toEqual({
      ok: false,
      failure: "state",
    });

    const third = await startBrandConnect(ctx, { network: "TWITTER" }, { redirectUri: REDIRECT });
    const readOnly = await consentAt(third.url, { approveAs: username(), scopes: "tweet.read users.read offline.access" });
    expect(await finishBrandConnect(ctx, readOnly, { redirectUri: REDIRECT })).toEqual({ ok: false, failure: "scopes" });

    const marketer = await addMember(ctx, "MARKETER");
    await expect(startBrandConnect(marketer.ctx, { network: "TWITTER" }, { redirectUri: REDIRECT })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await getDb().brandSocialAccount.count({ where: { tenantId: ctx.tenantId } })).toBe(0);
  });
});

describe("replying from the inbox", () => {
  it("posts under the mention as the brand, stores it, and a form sent twice posts once", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const handle = await connectBrand(ctx);
    const marketer = await addMember(ctx, "MARKETER");
    const { mentionId, postId } = await fanMention(ctx);
    const requestKey = randomUUID();

    const first = await replyToMention(marketer.ctx, { mentionId, text: "  Yes, 10 to 6! 🍦  ", requestKey });
    expect(first.replayed).toBe(false);
    expect(first.reply).toMatchObject({ status: "SENT", asHandle: handle, text: "Yes, 10 to 6! 🍦", error: null });
    const under = repliesUnder(postId);
    expect(under).toHaveLength(1);
    expect(under[0]).toMatchObject({ text: "Yes, 10 to 6! 🍦" });
    expect(under[0]!.author.username).toBe(handle);
    expect(first.reply.url).toBe(`https://x.com/${handle}/status/${under[0]!.id}`);

    const again = await replyToMention(marketer.ctx, { mentionId, text: "Yes, 10 to 6! 🍦", requestKey });
    expect(again).toMatchObject({ replayed: true, reply: { id: first.reply.id, status: "SENT" } });
    expect(repliesUnder(postId)).toHaveLength(1);

    const listed = await listMentionReplies(ctx, [mentionId]);
    expect(listed.get(mentionId)).toEqual([expect.objectContaining({ id: first.reply.id, author: "MARKETER user", status: "SENT" })]);
    const row = await getDb().mentionReply.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: first.reply.id } });
    expect(row).toMatchObject({ externalPostId: under[0]!.id, authorUserId: marketer.user.id });
    expect(await getDb().auditLog.count({ where: { tenantId: ctx.tenantId, action: "mention.replied", targetId: mentionId } })).toBe(1);
  });

  it("a post the network refuses fails that reply only, with X's reason; the account stays connected", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    await connectBrand(ctx);
    const { mentionId, postId } = await fanMention(ctx);
    const deleted = await fetch(`${sandbox.url}/__admin/posts/${postId}`, { method: "DELETE" });
    expect(deleted.status).toBe(200);

    const result = await replyToMention(ctx, { mentionId, text: "Thanks!", requestKey: randomUUID() });
    expect(result.reply.status).toBe("FAILED");
    expect(result.reply.error).toMatch(/X refused the post: .*deleted/);
    expect((await getBrandAccount(ctx, "TWITTER"))?.status).toBe("ACTIVE");
    expect(await getDb().mentionReply.count({ where: { tenantId: ctx.tenantId, mentionId, status: "FAILED" } })).toBe(1);
  });

  it("a revoked grant fails the reply, marks the account for reconnecting, and later replies are refused until then", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    await connectBrand(ctx);
    const { mentionId } = await fanMention(ctx);
    sandbox.state.xAuth.clearTokens(); // as if the brand revoked Megaphone at x.com/settings/connected_apps

    const result = await replyToMention(ctx, { mentionId, text: "Hello", requestKey: randomUUID() });
    expect(result.reply.status).toBe("FAILED");
    expect(result.reply.error).toContain("connect it again");
    const account = await getBrandAccount(ctx, "TWITTER");
    expect(account).toMatchObject({ status: "NEEDS_RECONNECT", canPost: false });
    expect(account!.lastError).not.toMatch(/Bearer [A-Za-z0-9]/);
    await expect(replyToMention(ctx, { mentionId, text: "Hello again", requestKey: randomUUID() })).rejects.toMatchObject({ code: "CONFLICT" });

    // Connecting again makes it usable.
    await connectBrand(ctx);
    expect((await replyToMention(ctx, { mentionId, text: "Hello again", requestKey: randomUUID() })).reply.status).toBe("SENT");
  });

  it("is refused without a connected account, to a viewer, on another brand's mention, and with bad input", async () => {
    const a = await createTenantWithMember("OWNER");
    const b = await createTenantWithMember("OWNER");
    const { mentionId } = await fanMention(a.ctx);
    await expect(replyToMention(a.ctx, { mentionId, text: "Hi", requestKey: randomUUID() })).rejects.toMatchObject({ code: "CONFLICT" });
    await connectBrand(a.ctx);
    await connectBrand(b.ctx);
    await expect(replyToMention(b.ctx, { mentionId, text: "Hi", requestKey: randomUUID() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const viewer = await addMember(a.ctx, "VIEWER");
    await expect(replyToMention(viewer.ctx, { mentionId, text: "Hi", requestKey: randomUUID() })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(replyToMention(a.ctx, { mentionId, text: "   ", requestKey: randomUUID() })).rejects.toThrow(/write the reply/);
    await expect(replyToMention(a.ctx, { mentionId, text: "x".repeat(281), requestKey: randomUUID() })).rejects.toThrow(/at most 280/);
    // 280 emoji are 280 characters at X, though 560 UTF-16 units.
    expect((await replyToMention(a.ctx, { mentionId, text: "🍦".repeat(280), requestKey: randomUUID() })).reply.status).toBe("SENT");
    expect(await getDb().mentionReply.count({ where: { tenantId: b.ctx.tenantId } })).toBe(0);
  });

  it("disconnecting revokes the grant at X, keeps the replies, and stops replying", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const handle = await connectBrand(ctx);
    const { mentionId } = await fanMention(ctx);
    expect((await replyToMention(ctx, { mentionId, text: "Before", requestKey: randomUUID() })).reply.status).toBe("SENT");
    const tokensBefore = [...sandbox.state.xAuth["access"].values()].filter((t) => !t.revoked).length;

    expect(await disconnectBrandAccount(ctx, { network: "TWITTER" })).toEqual({ revokedAtNetwork: true });
    expect([...sandbox.state.xAuth["access"].values()].filter((t) => !t.revoked).length).toBe(tokensBefore - 1);
    expect(await getBrandAccount(ctx, "TWITTER")).toMatchObject({ status: "DISCONNECTED", canPost: false, handle });
    expect((await listMentionReplies(ctx, [mentionId])).get(mentionId)).toHaveLength(1);
    await expect(replyToMention(ctx, { mentionId, text: "After", requestKey: randomUUID() })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(disconnectBrandAccount(ctx, { network: "TWITTER" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a prospect's invitation can be posted as the brand's reply under their latest mention, once", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const handle = await connectBrand(ctx);
    const { mentionId, postId } = await fanMention(ctx, "first time at Tasti, loved it");
    const { authorExternalId } = await getDb().mention.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: mentionId } });
    const text = "Thanks! Join our rewards program and earn points for posts like this one";

    await expect(inviteProspect(ctx, { network: "TWITTER", authorExternalId, text: "x".repeat(281), postAsReply: true })).rejects.toThrow(/280/);
    const invited = await inviteProspect(ctx, { network: "TWITTER", authorExternalId, text, postAsReply: true });
    expect(invited.reply).toMatchObject({ status: "SENT", asHandle: handle, mentionId, text });
    expect(repliesUnder(postId).map((p) => p.text)).toEqual([text]);
    expect(await getDb().prospectInvitation.count({ where: { tenantId: ctx.tenantId, id: invited.id } })).toBe(1);

    // Without the box ticked, nothing is posted: the invitation is only recorded.
    const recorded = await inviteProspect(ctx, { network: "TWITTER", authorExternalId, text: `${text}!` });
    expect(recorded.reply).toBeNull();
    expect(repliesUnder(postId)).toHaveLength(1);
  });
});
