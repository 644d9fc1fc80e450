// Shared set-up of the check-in tests: the sandbox's Foursquare side, a tenant that tracks a venue,
// a linked Swarm account with its token, and an HTTP bridge so the sandbox's pushes reach the
// real route handler.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { resetEnvCache } from "../../../src/server/env";
import { getQueue, toJobId } from "../../../src/server/jobs/queues";
import { saveChannelConnection } from "../../../src/server/modules/channels/channel.service";
import { createLocation } from "../../../src/server/modules/listening/location.service";
import { linkSocialProfile } from "../../../src/server/modules/mentions/prospects/link-social-profile";
import { createPointRule } from "../../../src/server/modules/rules/point-rule.service";
import { storeProfileTokens } from "../../../src/server/modules/social-profiles/profile-tokens";
import { startSandbox } from "../../../src/sandbox/start-sandbox";
import { POST as pushRoute } from "../../../src/app/api/webhooks/foursquare/[tenant]/route";
import { makeCustomer } from "../support/factories";
import { admin } from "../sandbox/sandbox-test-kit";
import { waitFor } from "../support/wait-for";

export { waitFor };

export const PUSH_SECRET = "checkin-test-push-secret";
export const FSQ_CLIENT = { clientId: "megaphone-dev-fsq-client", clientSecret: "megaphone-dev-fsq-secret" };

/** A sandbox on a random port (idle generator) with the app's Foursquare client aimed at it. */
export async function startCheckinSandbox(options: { hourlyLimit?: number } = {}) {
  const sandbox = await startSandbox({
    port: 0,
    startGenerator: false,
    initialPosts: 0,
    foursquare: { ...FSQ_CLIENT, pushSecret: PUSH_SECRET, hourlyLimit: options.hourlyLimit ?? 500 },
  });
  process.env.FOURSQUARE_API_BASE_URL = sandbox.url;
  resetEnvCache();
  return sandbox;
}

/** POST to the push route handler as Foursquare would. */
export async function postPush(tenantSlug: string, body: string, contentType = "application/x-www-form-urlencoded") {
  const url = `http://app.test/api/webhooks/foursquare/${tenantSlug}`;
  const response = await pushRoute(new NextRequest(url, { method: "POST", headers: { "content-type": contentType }, body }), {
    params: Promise.resolve({ tenant: tenantSlug }),
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get("content-type") ?? "", json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

/** A local HTTP server that hands every request to the push route handler (the sandbox's push URL). */
export async function startPushBridge() {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const slug = /^\/api\/webhooks\/foursquare\/([^/?]+)/.exec(req.url ?? "")?.[1] ?? "";
      postPush(decodeURIComponent(slug), Buffer.concat(chunks).toString(), req.headers["content-type"] ?? "")
        .then((r) => {
          res.writeHead(r.status, { "content-type": r.type });
          res.end(JSON.stringify(r.json));
        })
        .catch(() => {
          res.writeHead(500);
          res.end();
        });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    urlFor: (tenantSlug: string) => `http://127.0.0.1:${port}/api/webhooks/foursquare/${tenantSlug}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export async function sandboxVenue(url: string, name: string): Promise<string> {
  return (await admin<{ id: string }>(url, "POST", "/__admin/foursquare/venues", { name })).id;
}

export interface SandboxCheckin {
  checkin: { id: string; createdAt: number };
  push: { status: string; http_status?: number };
}

export function sandboxCheckin(url: string, user: string, venueId: string, extra: { shout?: string; created_at?: number | string } = {}) {
  return admin<SandboxCheckin>(url, "POST", "/__admin/foursquare/checkins", { user, venue_id: venueId, ...extra });
}

/** Pushes go to `target` (null: nowhere, so only polling sees check-ins). */
export function setPushUrl(url: string, target: string | null, secret = PUSH_SECRET) {
  return admin(url, "PUT", "/__admin/foursquare/push", { url: target, secret });
}

/**
 * A tenant that listens to Foursquare check-ins: its app credentials with the push secret, one
 * brand location at a sandbox venue, and a CHECKIN rule (20 points, followers don't count).
 */
export async function setUpCheckinListening(ctx: TenantContext, sandboxUrl: string, venueName = `Brand ${ctx.tenantSlug}`) {
  await saveChannelConnection(ctx, { network: "FOURSQUARE", credentials: { ...FSQ_CLIENT, pushSecret: PUSH_SECRET } });
  const venueId = await sandboxVenue(sandboxUrl, venueName);
  const location = await createLocation(ctx, { name: `${venueName} store`, foursquareVenueId: venueId });
  const rule = await createPointRule(ctx, { network: "FOURSQUARE", action: "CHECKIN", name: "Check-ins", basePoints: 20, influenceCurve: "NONE" });
  return { venueId, location, rule };
}

/** A customer who linked a Swarm account (consent recorded) and whose token is stored, as the portal will. */
export async function linkSwarmCustomer(ctx: TenantContext, sandboxUrl: string, handle: string, linkedAt = new Date()) {
  const minted = await admin<{ access_token: string; user: { id: string } }>(sandboxUrl, "POST", "/__admin/foursquare/tokens", { user: handle });
  const customer = await makeCustomer(ctx);
  const linked = await linkSocialProfile(
    ctx,
    {
      customerId: customer.id,
      network: "FOURSQUARE",
      externalUserId: minted.user.id,
      handle,
      consent: { scopes: [], allowPosting: false, policyVersion: "test-1" },
    },
    linkedAt,
  );
  const profileId = linked.socialProfile.id;
  await getDb().$transaction((tx) =>
    storeProfileTokens(tx, ctx, profileId, { accessToken: minted.access_token, refreshToken: null, expiresAt: null, scopes: [] }),
  );
  return { customer, profileId, userId: minted.user.id, token: minted.access_token };
}

/** Resolves when the job with this id has completed (or throws when it failed for good). */
export async function waitForJob(jobId: string) {
  const queue = getQueue("listening");
  return waitFor(async () => {
    const job = await queue.getJob(toJobId(jobId));
    if (!job) return null;
    const state = await job.getState();
    if (state === "failed") throw new Error(`job ${jobId} failed: ${job.failedReason}`);
    return state === "completed" ? job : null;
  }, `job ${jobId}`);
}

export async function profileState(ctx: TenantContext, profileId: string) {
  return getDb().socialProfile.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id: profileId } });
}
