import { defineLimit, isLimited, penalize } from "../../abuse-limits";
import { AppError } from "../../errors";
import { getLogger } from "../../logger";

/**
 * Wrong push secrets (and pushes naming a tenant that cannot receive them) are counted per
 * client IP and per tenant slug; past the allowance every push from that IP, or for that tenant,
 * is refused with 429 until the window ends, before any secret is compared. A tenant under
 * attack loses pushes for the window, not check-ins: polling still collects them.
 */
export const PUSH_FAILURES_PER_IP = defineLimit({
  name: "fsq-push:fail:ip",
  points: 10,
  durationSeconds: 600,
  message: "too many refused pushes from this address; try again later",
});
export const PUSH_FAILURES_PER_TENANT = defineLimit({
  name: "fsq-push:fail:tenant",
  points: 50,
  durationSeconds: 900,
  message: "too many refused pushes for this tenant; try again later",
});

export type PushRefusal = "unknown tenant" | "no connection" | "bad secret";

/** Throws RATE_LIMITED (with Retry-After) while either counter is over its allowance. */
export async function assertPushNotThrottled(tenantSlug: string, ip: string): Promise<void> {
  for (const [rule, key] of [
    [PUSH_FAILURES_PER_IP, ip],
    [PUSH_FAILURES_PER_TENANT, tenantSlug],
  ] as const) {
    const state = await isLimited(rule, key);
    if (state.limited) {
      getLogger().warn({ event: "foursquare.push_throttled", tenant: tenantSlug, ip, limit: rule.name }, "Foursquare push throttled");
      throw new AppError("RATE_LIMITED", rule.message, { retryAfterSeconds: Math.max(1, state.retryAfterSeconds) });
    }
  }
}

/** Counts a refused push and logs it: tenant slug, IP and reason, never what was presented. */
export async function recordPushRefusal(tenantSlug: string, ip: string, reason: PushRefusal): Promise<void> {
  getLogger().warn({ event: "foursquare.push_refused", tenant: tenantSlug, ip, reason }, "Foursquare push refused");
  await penalize(PUSH_FAILURES_PER_IP, ip);
  await penalize(PUSH_FAILURES_PER_TENANT, tenantSlug);
}
