// Issue 12 item 2: "Connect X" replaces the pasted bearer token. A brand with no app credentials
// listens, refreshes profiles and checks deletions through its connected account's user token (the
// real twitter-api-v2 client against the sandbox); a refusal marks that account, not a channel
// connection; the app's credentials, when set, still come first; a source pinned to a named
// connection never falls back.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { resetEnvCache } from "../../../src/server/env";
import { getBrandAccessToken } from "../../../src/server/modules/brand-accounts/brand-account-tokens";
import { finishBrandConnect, startBrandConnect } from "../../../src/server/modules/brand-accounts/connect-brand-account";
import { saveChannelConnection } from "../../../src/server/modules/channels/channel.service";
import { createSource } from "../../../src/server/modules/listening/source.service";
import { checkDeletedMentions } from "../../../src/server/pipeline/deletions/check-deleted-mentions";
import { listeningCredential } from "../../../src/server/pipeline/listening-credential";
import { pollSourcePage } from "../../../src/server/pipeline/poll-source";
import { DEV_BEARER_TOKEN, type SandboxHandle } from "../../../src/sandbox/start-sandbox";
import { answerXConsent } from "../support/x-consent";
import { createTenantWithMember } from "../support/factories";
import { sandboxPost, sandboxUser, startPipelineSandbox } from "./pipeline-kit";

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
const name = () => `l${randomUUID().replaceAll("-", "").slice(0, 12)}`;

async function connectBrand(ctx: TenantContext) {
  const handle = name();
  const { url } = await startBrandConnect(ctx, { network: "TWITTER" }, { redirectUri: REDIRECT });
  expect(await finishBrandConnect(ctx, await answerXConsent(sandbox.url, url, { approveAs: handle }), { redirectUri: REDIRECT })).toEqual({ ok: true, handle });
}

/** A brand with a keyword source and a fan's post that matches it, at the sandbox. */
async function brandWithPost() {
  const { ctx } = await createTenantWithMember("OWNER");
  const keyword = `kw${randomUUID().replaceAll("-", "").slice(0, 10)}`;
  const source = await createSource(ctx, { network: "TWITTER", kind: "KEYWORD", value: keyword });
  const fan = name();
  await sandboxUser(sandbox.url, fan, 250);
  const postId = await sandboxPost(sandbox.url, fan, `Loving the new flavour ${keyword}`);
  return { ctx, source, postId };
}

/** X revokes the brand's access token (as its revocation endpoint does). */
async function revokeBrandToken(ctx: TenantContext) {
  const token = await getBrandAccessToken(ctx, (await account(ctx)).id);
  sandbox.state.xAuth.revoke(token, sandbox.state.xAuth.resolve(token)!.clientId);
}

const account = (ctx: TenantContext) => getDb().brandSocialAccount.findFirstOrThrow({ where: { tenantId: ctx.tenantId } });
const sourceRow = (ctx: TenantContext, id: string) => getDb().listeningSource.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id } });

describe("listening through the brand's connected X account", () => {
  it("without app credentials, a source is polled with the brand account's token and the mention stored", async () => {
    const { ctx, source, postId } = await brandWithPost();
    expect(await pollSourcePage(ctx, source.id, null)).toMatchObject({ status: "needs_reconnect" });
    expect((await sourceRow(ctx, source.id)).lastError).toContain("no active TWITTER channel connection or connected brand account");

    // Connecting the account lets the waiting source run again.
    await connectBrand(ctx);
    expect(await sourceRow(ctx, source.id)).toMatchObject({ syncStatus: "IDLE", lastError: null });
    expect((await listeningCredential(ctx, "TWITTER"))?.via).toBe("BRAND_ACCOUNT");
    const outcome = await pollSourcePage(ctx, source.id, null);
    expect(outcome).toMatchObject({ status: "page", next: null });
    const stored = await getDb().mention.findMany({ where: { tenantId: ctx.tenantId }, select: { externalId: true, sourceId: true } });
    expect(stored).toEqual([{ externalId: postId, sourceId: source.id }]);
    expect((await sourceRow(ctx, source.id)).syncStatus).toBe("OK");

    // The deletion check reads with the same token: the post is still there, nothing is marked.
    expect(await checkDeletedMentions(ctx, { network: "TWITTER", now: new Date(Date.now() + 400 * 86_400_000) })).toMatchObject({ status: "done", deleted: 0 });
  });

  it("a token X refuses marks the brand account 'needs reconnect' (audited) and the source waits; no channel connection is touched", async () => {
    const { ctx, source } = await brandWithPost();
    await connectBrand(ctx);
    await revokeBrandToken(ctx);

    expect(await pollSourcePage(ctx, source.id, null)).toMatchObject({ status: "needs_reconnect" });
    expect(await account(ctx)).toMatchObject({ status: "NEEDS_RECONNECT" });
    expect((await account(ctx)).lastError).toMatch(/^listening refused: /);
    expect(await getDb().auditLog.count({ where: { tenantId: ctx.tenantId, action: "brand_account.needs_reconnect" } })).toBe(1);
    expect((await sourceRow(ctx, source.id)).syncStatus).toBe("NEEDS_RECONNECT");
    expect(await getDb().channelConnection.count({ where: { tenantId: ctx.tenantId } })).toBe(0);
    // An account that needs reconnecting is not used again.
    expect(await listeningCredential(ctx, "TWITTER")).toBeNull();
  });

  it("the app's credentials come first, and a source pinned to a named connection never falls back to the brand account", async () => {
    const { ctx } = await brandWithPost();
    await connectBrand(ctx);
    const app = await saveChannelConnection(ctx, { network: "TWITTER", credentials: { kind: "bearer", bearerToken: DEV_BEARER_TOKEN } });
    expect(await listeningCredential(ctx, "TWITTER")).toMatchObject({ via: "CHANNEL_CONNECTION", id: app.id });

    await getDb().channelConnection.updateMany({ where: { tenantId: ctx.tenantId, id: app.id }, data: { status: "DISABLED" } });
    expect((await listeningCredential(ctx, "TWITTER"))?.via).toBe("BRAND_ACCOUNT");
    expect(await listeningCredential(ctx, "TWITTER", app.id)).toBeNull();
  });

  it("an access token near expiry is renewed; a renewal X refuses marks the account for good, not just for this call", async () => {
    const { ctx } = await brandWithPost();
    await connectBrand(ctx);
    const { id } = await account(ctx);
    const first = await getBrandAccessToken(ctx, id);
    await getDb().brandSocialAccount.updateMany({ where: { tenantId: ctx.tenantId, id }, data: { tokenExpiresAt: new Date(Date.now() + 30_000) } });
    const renewed = await getBrandAccessToken(ctx, id);
    expect(renewed).not.toBe(first);
    expect((await account(ctx)).tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 3_600_000);

    // X forgets every grant (the refresh token no longer works) and the access token is due again.
    sandbox.state.xAuth.clearTokens();
    await getDb().brandSocialAccount.updateMany({ where: { tenantId: ctx.tenantId, id }, data: { tokenExpiresAt: new Date(Date.now() + 30_000) } });
    await expect(getBrandAccessToken(ctx, id)).rejects.toMatchObject({ name: "BrandAuthError", kind: "RECONNECT" });
    expect(await account(ctx)).toMatchObject({ status: "NEEDS_RECONNECT" });
    expect((await account(ctx)).lastError).toMatch(/^token refresh refused: /);
    expect(await getDb().auditLog.count({ where: { tenantId: ctx.tenantId, action: "brand_account.needs_reconnect" } })).toBe(1);
    expect(await listeningCredential(ctx, "TWITTER")).toBeNull();
  });
});
