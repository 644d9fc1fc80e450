import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { createTwitterOAuth2Client } from "../../../src/server/social/twitter/twitter-client";
import { getProfileUserAuth, openProfileToken } from "../../../src/server/modules/social-profiles/profile-tokens";
import { queueSharesForAwards } from "../../../src/server/pipeline/sharing/queue-shares";
import { twitterProvider } from "../../../src/server/social/twitter/twitter.provider";
import { admin } from "../sandbox/sandbox-test-kit";
import { award, brand, linkedCustomer, livePostsBy, runShare, shareFor, shareRow, startSharingSandbox, tweetPosts, type Sandbox } from "./sharing-kit";

let sandbox: Sandbox;

describe("sharing: the customer's X tokens", () => {
  beforeAll(async () => {
    sandbox = await startSharingSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });
  beforeEach(async () => {
    await admin(sandbox.url, "DELETE", "/__admin/requests");
    await admin(sandbox.url, "DELETE", "/__admin/faults");
  });

  it("refreshes an expired access token first and stores the rotated refresh token", async () => {
    const { ctx } = await brand();
    const fan = await linkedCustomer(ctx, { expiresInSeconds: 60 });
    sandbox.clock.advance(2 * 60_000); // the minted access token is now dead at X
    await getDb().socialProfile.updateMany({ where: { tenantId: ctx.tenantId, id: fan.profileId }, data: { tokenExpiresAt: new Date(Date.now() - 1_000) } });
    const shareId = await shareFor(ctx, fan.customerId, 15);

    await runShare(ctx, shareId);
    expect(livePostsBy(fan.userId)).toHaveLength(1);
    expect(await shareRow(ctx, shareId)).toMatchObject({ status: "POSTED" });
    const row = await getDb().socialProfile.findFirst({
      where: { tenantId: ctx.tenantId, id: fan.profileId },
      select: { accessTokenCiphertext: true, refreshTokenCiphertext: true, tokenExpiresAt: true, status: true },
    });
    expect(row!.status).toBe("ACTIVE");
    expect(row!.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 60 * 60_000);
    const access = openProfileToken(ctx.tenantId, fan.profileId, "access", row!.accessTokenCiphertext!);
    const refresh = openProfileToken(ctx.tenantId, fan.profileId, "refresh", row!.refreshTokenCiphertext!);
    expect(access).not.toBe(fan.accessToken);
    expect(refresh).not.toBe(fan.refreshToken);
    // The stored refresh token is the live one of the rotated family.
    await expect(twitterProvider.refreshUserToken(refresh)).resolves.toMatchObject({ accessToken: expect.any(String) });
    // Sealed for this row only: the same ciphertext does not open as another profile's.
    expect(() => openProfileToken(ctx.tenantId, "sp_other", "refresh", row!.refreshTokenCiphertext!)).toThrow(/cannot decrypt/);
  });

  it("concurrent jobs of one profile refresh its rotating token once", async () => {
    const { ctx } = await brand();
    const fan = await linkedCustomer(ctx, { tokenExpiresAt: new Date(Date.now() - 1_000) });
    const results = await Promise.all([1, 2, 3, 4].map(() => getProfileUserAuth(ctx, fan.profileId)));
    expect(results.filter((r) => r.refreshed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.accessToken)).size).toBe(1);
    expect(await getDb().socialProfile.findFirst({ where: { tenantId: ctx.tenantId, id: fan.profileId } })).toMatchObject({ status: "ACTIVE" });
    // The token handed out works at X.
    await expect(twitterProvider.publish({ accessToken: results[0]!.accessToken }, `refreshed ${randomUUID()}`)).resolves.toMatchObject({
      externalId: expect.any(String),
    });
  });

  it("a revoked token: the share fails, the profile needs reconnecting, nothing is posted", async () => {
    const { ctx } = await brand();
    const fan = await linkedCustomer(ctx);
    const shareId = await shareFor(ctx, fan.customerId, 18);
    await createTwitterOAuth2Client().revokeOAuth2Token(fan.refreshToken, "refresh_token"); // kills the whole family

    await runShare(ctx, shareId);
    expect(await shareRow(ctx, shareId)).toMatchObject({ status: "FAILED", lastError: expect.stringMatching(/reconnect/) });
    expect(await getDb().socialProfile.findFirst({ where: { tenantId: ctx.tenantId, id: fan.profileId } })).toMatchObject({ status: "NEEDS_RECONNECT" });
    const audit = await getDb().auditLog.findMany({ where: { tenantId: ctx.tenantId, action: "social_profile.needs_reconnect" } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.data)).not.toContain(fan.accessToken);
    expect(livePostsBy(fan.userId)).toHaveLength(0);

    // The next award of this customer is not even queued.
    expect(await queueSharesForAwards(ctx, [await award(ctx, fan.customerId, 5)])).toEqual([]);
  });

  it("an expired token whose refresh is refused marks the profile and posts nothing", async () => {
    const { ctx } = await brand();
    const fan = await linkedCustomer(ctx, { tokenExpiresAt: new Date(Date.now() - 1_000) });
    const shareId = await shareFor(ctx, fan.customerId, 19);
    await createTwitterOAuth2Client().revokeOAuth2Token(fan.refreshToken, "refresh_token");

    await runShare(ctx, shareId);
    expect(await shareRow(ctx, shareId)).toMatchObject({ status: "FAILED", attempts: 5, lastError: expect.stringMatching(/refresh refused/) });
    expect(await getDb().socialProfile.findFirst({ where: { tenantId: ctx.tenantId, id: fan.profileId } })).toMatchObject({ status: "NEEDS_RECONNECT" });
    expect(await tweetPosts()).toHaveLength(0);
  });
});
