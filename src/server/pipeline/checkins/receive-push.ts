import { systemContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { enqueue } from "../../jobs/queues";
import { getActiveChannelCredentials } from "../../modules/channels/channel-credentials";
import { ZTenantSlug } from "../../modules/tenants/tenant.schemas";
import { assertSafeInput } from "../../safe-input";
import { getCheckinProvider } from "../../social/provider-registry";
import { loadBrandVenueIds } from "./brand-venues";
import { ZPushedCheckin, type PushedCheckin } from "./checkins.jobs";
import { assertPushNotThrottled, recordPushRefusal, type PushRefusal } from "./push-throttle";

/** A push is one check-in: anything much bigger is not Foursquare. */
export const MAX_PUSH_BYTES = 64 * 1024;

export type PushReceipt = { status: "queued"; checkinId: string } | { status: "ignored"; checkinId: string; reason: "no venue" | "not at a tracked venue" };

/** The job id of a pushed check-in: a redelivery while the job is known to Redis is not queued again. */
export function pushJobId(tenantId: string, checkinId: string): string {
  return `fsq-push:${tenantId}:${checkinId}`;
}

/** Every authentication failure is the same 401 to the caller; the log and the throttle know which. */
async function refused(tenantSlug: string, ip: string, reason: PushRefusal): Promise<AppError> {
  await recordPushRefusal(tenantSlug, ip, reason);
  return new AppError("UNAUTHENTICATED", "push not accepted: unknown tenant, no Foursquare connection, or wrong push secret");
}

/**
 * A Foursquare User Push delivery for one tenant (POST /api/webhooks/foursquare/<tenant>), checked
 * and queued; never ingested here, so the answer is quick whatever the database is doing.
 *
 *  0. throttle (push-throttle.ts): after repeated refusals from one client IP or for one tenant,
 *     429 with Retry-After before anything is compared; every refusal is logged and counted;
 *  1. the push secret must equal the one saved with the tenant's ACTIVE Foursquare connection,
 *     compared in constant time (Foursquare signs nothing: the secret in the body is the proof);
 *     any failure here — unknown tenant, no connection, wrong secret — is the same 401;
 *  2. the check-in must parse (zod) — else 400;
 *  3. replay window: its createdAt must be within FOURSQUARE_PUSH_MAX_AGE_SECONDS of now — else
 *     400. A push is sent at check-in time, so an old one is a replay or hopelessly late; polling
 *     still collects a genuine late check-in, and ingest is idempotent either way;
 *  4. only check-ins at the tenant's own venues go on (brand-venues.ts): others are acknowledged
 *     and dropped, not stored anywhere, not even in the queue;
 *  5. one `checkins.ingest-push` job, keyed by the check-in.
 */
export async function receiveFoursquarePush(
  tenantSlug: string,
  rawBody: string,
  contentType: string,
  options: { ip: string; now?: Date },
): Promise<PushReceipt> {
  const { ip, now = new Date() } = options;
  if (Buffer.byteLength(rawBody) > MAX_PUSH_BYTES) throw new AppError("BAD_REQUEST", "push payload too large");
  const slug = ZTenantSlug.safeParse(tenantSlug);
  // A name that cannot be a slug is never a tenant: counted against the IP under one key.
  const tenantKey = slug.success ? slug.data : "(invalid)";
  await assertPushNotThrottled(tenantKey, ip);
  if (!slug.success) throw await refused(tenantKey, ip, "unknown tenant");
  const tenant = await getDb().tenant.findUnique({ where: { slug: slug.data }, select: { id: true } });
  if (!tenant) throw await refused(tenantKey, ip, "unknown tenant");
  const ctx = systemContext(tenant.id);
  const connection = await getActiveChannelCredentials(ctx, "FOURSQUARE");
  if (!connection || connection.network !== "FOURSQUARE") throw await refused(tenantKey, ip, "no connection");

  const push = getCheckinProvider("FOURSQUARE").push;
  if (!push) throw new Error("the Foursquare check-in provider takes no pushes");
  const parsed = push.parse(rawBody, contentType, connection.credentials.pushSecret);
  if (!parsed.ok) {
    if (parsed.reason === "bad_secret") throw await refused(tenantKey, ip, "bad secret");
    throw new AppError("BAD_REQUEST", "the push carries no valid check-in");
  }
  assertSafeInput(parsed.raw); // no NUL may reach the ingest job's insert
  const { head } = parsed;
  if (!head.userId) throw new AppError("BAD_REQUEST", "the push names no user");
  const maxAge = getEnv().FOURSQUARE_PUSH_MAX_AGE_SECONDS;
  if (Math.abs(now.getTime() / 1000 - head.createdAt) > maxAge) {
    throw new AppError("BAD_REQUEST", `the check-in is outside the ${maxAge}-second replay window`);
  }
  if (!head.venueId) return { status: "ignored", checkinId: head.id, reason: "no venue" };
  const venues = await loadBrandVenueIds(ctx);
  if (!venues.has(head.venueId.toLowerCase())) return { status: "ignored", checkinId: head.id, reason: "not at a tracked venue" };

  const pushed = ZPushedCheckin.safeParse(parsed.pushed satisfies PushedCheckin | null);
  // Ids the job schema refuses (not the network's shape) are bad input, not our failure.
  if (!pushed.success) throw new AppError("BAD_REQUEST", "the push carries no valid check-in");
  await enqueue("checkins.ingest-push", { tenantId: tenant.id, checkin: pushed.data }, { jobId: pushJobId(tenant.id, head.id) });
  return { status: "queued", checkinId: head.id };
}
