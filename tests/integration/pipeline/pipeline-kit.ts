import { resetEnvCache } from "../../../src/server/env";
import { unsafeCrossTenantDb } from "../../../src/server/db/client";
import { DEV_BEARER_TOKEN, startSandbox } from "../../../src/sandbox/start-sandbox";
import { saveChannelConnection } from "../../../src/server/modules/channels/channel.service";
import { createSource } from "../../../src/server/modules/listening/source.service";
import { createPointRule } from "../../../src/server/modules/rules/point-rule.service";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { admin } from "../sandbox/sandbox-test-kit";

/** A sandbox on a random port with an idle generator, and the app's X client aimed at it. */
export async function startPipelineSandbox() {
  const sandbox = await startSandbox({ port: 0, startGenerator: false, initialPosts: 0 });
  process.env.TWITTER_API_BASE_URL = sandbox.url;
  resetEnvCache();
  return sandbox;
}

export async function sandboxUser(url: string, username: string, followers: number): Promise<string> {
  const user = await admin<{ data?: { id: string }; id?: string }>(url, "POST", "/__admin/users", { username, followers_count: followers });
  return user.data?.id ?? user.id!;
}

export async function sandboxPost(url: string, author: string, text: string): Promise<string> {
  const post = await admin<{ data?: { id: string }; id?: string }>(url, "POST", "/__admin/posts", { author, text });
  return post.data?.id ?? post.id!;
}

/** What a tenant needs to listen on X: a connection, a keyword and a MENTION rule. */
export async function setUpListening(
  ctx: TenantContext,
  keyword: string,
  rule: { basePoints?: number; dailyCap?: number | null; minSentiment?: number | null } = {},
) {
  await saveChannelConnection(ctx, { network: "TWITTER", credentials: { kind: "bearer", bearerToken: DEV_BEARER_TOKEN } });
  const source = await createSource(ctx, { network: "TWITTER", kind: "KEYWORD", value: keyword });
  const pointRule = await createPointRule(ctx, {
    network: "TWITTER",
    action: "MENTION",
    name: "Mentions",
    basePoints: rule.basePoints ?? 10,
    influenceCurve: "LOG",
    influenceFactor: 0.5,
    maxMultiplier: 3,
    dailyCap: rule.dailyCap ?? null,
    minSentiment: rule.minSentiment ?? null,
    enabled: true,
  });
  return { source, pointRule };
}

/** Links an X account to a customer, as the portal will after consent. */
export async function linkProfile(ctx: TenantContext, customerId: string, externalUserId: string, handle: string) {
  await unsafeCrossTenantDb().socialProfile.create({
    data: { tenantId: ctx.tenantId, customerId, network: "TWITTER", externalUserId, handle, linkedAt: new Date(), scopes: ["tweet.read", "users.read"] },
  });
}
