import type { TenantContext } from "../../src/server/auth/tenant-context";
import { getDb } from "../../src/server/db/client";
import { isAppError } from "../../src/server/errors";
import { linkSocialProfile } from "../../src/server/modules/mentions/prospects/link-social-profile";

/** Demo customers (after the Swarm ones) who link an X account, with a spread of audiences. */
const X_FOLLOWERS = [180, 950, 4_200, 18_000, 96_000];
/** Share of the sandbox's generated posts written by those customers. */
const LINKED_SHARE = 0.2;

type SandboxCall = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/**
 * Links sandbox X accounts to a few demo customers (consent recorded, as the portal will) and has
 * the sandbox's generator write a share of its brand posts as them, so the demo's mention rule
 * pays real advocates from the first minute — everyone else stays a prospect. Idempotent.
 */
export async function linkDemoXAdvocates(ctx: TenantContext, sandbox: SandboxCall, skip: number): Promise<string[]> {
  const customers = await getDb().customer.findMany({
    where: { tenantId: ctx.tenantId, erasedAt: null, mergedIntoId: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    skip,
    take: X_FOLLOWERS.length,
    select: { id: true, displayName: true },
  });
  const usernames: string[] = [];
  for (const [i, customer] of customers.entries()) {
    const username = customer.displayName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .slice(0, 15);
    const user = await sandbox<{ id: string }>("POST", "/__admin/users", { username, name: customer.displayName, followers_count: X_FOLLOWERS[i] }).catch(() =>
      sandbox<{ id: string }>("GET", `/__admin/users/${encodeURIComponent(username)}`),
    );
    try {
      await linkSocialProfile(ctx, {
        customerId: customer.id,
        network: "TWITTER",
        externalUserId: user.id,
        handle: username,
        consent: { scopes: ["tweet.read", "users.read"], allowPosting: false, policyVersion: "demo-1" },
      });
    } catch (error) {
      // Already linked (a second start of the demo): keep it as it is.
      if (!(isAppError(error) && error.code === "CONFLICT")) throw error;
    }
    usernames.push(username);
  }
  await sandbox("PUT", "/__admin/generator", { linkedUsers: usernames, linkedShare: LINKED_SHARE });
  return usernames;
}
