// Shared set-up of the sharing tests: a brand with an app connection, customers with linked X
// accounts (real sandbox tokens), awards and their share jobs.
import { randomUUID } from "node:crypto";
import { type Job } from "bullmq";
import { expect } from "vitest";
import { getDb, unsafeCrossTenantDb } from "../../../src/server/db/client";
import { getQueue, toJobId } from "../../../src/server/jobs/queues";
import { saveChannelConnection } from "../../../src/server/modules/channels/channel.service";
import { postLedgerEntries } from "../../../src/server/modules/ledger/post-entries";
import { storeProfileTokens } from "../../../src/server/modules/social-profiles/profile-tokens";
import { shareJobId, queueSharesForAwards } from "../../../src/server/pipeline/sharing/queue-shares";
import { postAwardHandler } from "../../../src/server/pipeline/sharing/sharing.handlers";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { DEV_BEARER_TOKEN } from "../../../src/sandbox/start-sandbox";
import { admin } from "../sandbox/sandbox-test-kit";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { sandboxUser, startPipelineSandbox } from "./pipeline-kit";
export const TEMPLATE = "Just scored {points} points at {brand}! #rewards";

export type Sandbox = Awaited<ReturnType<typeof startPipelineSandbox>>;
let sandbox: Sandbox;

/** The X sandbox the helpers below talk to, started once per test file. */
export async function startSharingSandbox(): Promise<Sandbox> {
  sandbox = await startPipelineSandbox();
  return sandbox;
}

export interface Linked {
  customerId: string;
  profileId: string;
  userId: string;
  username: string;
  accessToken: string;
  refreshToken: string;
}

export async function brand(): Promise<{ ctx: TenantContext; name: string }> {
  const name = `Tasti ${randomUUID().slice(0, 6)}`;
  const { ctx } = await createTenantWithMember("OWNER", name);
  await unsafeCrossTenantDb().tenant.update({ where: { id: ctx.tenantId }, data: { shareTemplate: TEMPLATE } });
  // The app connection is what the own-post lookup searches with.
  await saveChannelConnection(ctx, { network: "TWITTER", credentials: { kind: "bearer", bearerToken: DEV_BEARER_TOKEN } });
  return { ctx, name };
}

/** A customer with a linked X account (real sandbox tokens, sealed) and, unless told otherwise, consent to post. */
export async function linkedCustomer(
  ctx: TenantContext,
  options: { consent?: "allow" | "deny" | "withdrawn" | "none"; expiresInSeconds?: number; tokenExpiresAt?: Date } = {},
): Promise<Linked> {
  const username = `fan_${randomUUID().replace(/-/g, "").slice(0, 10)}`;
  const userId = await sandboxUser(sandbox.url, username, 500);
  const minted = await admin<{ access_token: string; refresh_token: string; expires_in: number; scope: string }>(sandbox.url, "POST", "/__admin/tokens", {
    username,
    ...(options.expiresInSeconds ? { expires_in: options.expiresInSeconds } : {}),
  });
  const customer = await makeCustomer(ctx);
  const profile = await unsafeCrossTenantDb().socialProfile.create({
    data: { tenantId: ctx.tenantId, customerId: customer.id, network: "TWITTER", externalUserId: userId, handle: username, linkedAt: new Date(), scopes: [] },
  });
  await getDb().$transaction((tx) =>
    storeProfileTokens(tx, ctx, profile.id, {
      accessToken: minted.access_token,
      refreshToken: minted.refresh_token,
      expiresAt: options.tokenExpiresAt ?? new Date(Date.now() + minted.expires_in * 1000),
      scopes: minted.scope.split(" "),
    }),
  );
  const consent = options.consent ?? "allow";
  const record = (allowPosting: boolean, grantedAt: Date, revokedAt: Date | null = null) =>
    unsafeCrossTenantDb().consentRecord.create({
      data: {
        tenantId: ctx.tenantId,
        customerId: customer.id,
        network: "TWITTER",
        socialProfileId: profile.id,
        scopes: ["tweet.write"],
        allowPosting,
        policyVersion: "2026-01",
        grantedAt,
        revokedAt,
      },
    });
  if (consent === "allow") await record(true, new Date(Date.now() - 60_000));
  if (consent === "deny") await record(false, new Date(Date.now() - 60_000));
  if (consent === "withdrawn") {
    await record(true, new Date(Date.now() - 120_000));
    await record(true, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
  }
  return { customerId: customer.id, profileId: profile.id, userId, username, accessToken: minted.access_token, refreshToken: minted.refresh_token };
}

export async function award(ctx: TenantContext, customerId: string, amount: number) {
  const [entry] = await getDb().$transaction((tx) =>
    postLedgerEntries(tx, ctx, [{ customerId, amount, source: "MENTION", idempotencyKey: `test:${randomUUID()}`, explanation: { formula: `${amount}` } }]),
  );
  return entry!;
}

export async function shareFor(ctx: TenantContext, customerId: string, amount: number): Promise<string> {
  const entry = await award(ctx, customerId, amount);
  const ids = await queueSharesForAwards(ctx, [entry]);
  expect(ids).toHaveLength(1);
  return ids[0]!;
}

export async function jobOf(shareId: string): Promise<Job> {
  const job = await getQueue("sharing").getJob(toJobId(shareJobId(shareId)));
  expect(job, "the share's job was enqueued").toBeDefined();
  return job!;
}

export async function runShare(ctx: TenantContext, shareId: string) {
  return postAwardHandler({ tenantId: ctx.tenantId, sharePostId: shareId }, await jobOf(shareId));
}

export function livePostsBy(userId: string) {
  return sandbox.state.posts.posts.filter((p) => p.author.id === userId && !p.deleted);
}

export async function tweetPosts(): Promise<{ status: number }[]> {
  const log = await admin<{ data: { method: string; path: string; status: number }[] }>(
    sandbox.url,
    "GET",
    "/__admin/requests?limit=10000&path_prefix=/2/tweets",
  );
  return log.data.filter((r) => r.method === "POST" && r.path === "/2/tweets");
}

export async function shareRow(ctx: TenantContext, id: string) {
  return (await getDb().sharePost.findFirst({ where: { tenantId: ctx.tenantId, id } }))!;
}
