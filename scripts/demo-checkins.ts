// Started by `npm run demo` beside the web app, the worker and the sandbox: makes the sandbox's
// Foursquare side talk to the demo brand, and links X accounts to a few demo customers so their
// sandbox posts earn points. Once the sandbox answers it registers the brand's venues
// (and one unrelated venue), links a Swarm account to the first demo customers (consent recorded,
// token stored, as the portal will) and — once the app answers — points the sandbox's push URL at
// the app, turns on generated check-ins and makes each linked customer check in once. Pushed
// check-ins at the brand's venues then show up in the inbox and pay points within seconds; the
// worker's check-in poller catches any push that failed. Safe to run again; never fails the demo.
import { systemContext } from "../src/server/auth/tenant-context";
import { disconnectDb, getDb, unsafeCrossTenantDb } from "../src/server/db/client";
import { getEnv } from "../src/server/env";
import { isAppError } from "../src/server/errors";
import { linkSocialProfile } from "../src/server/modules/mentions/prospects/link-social-profile";
import { storeProfileTokens } from "../src/server/modules/social-profiles/profile-tokens";
import { foursquarePushUrl } from "../src/server/pipeline/checkins/checkin-status.service";
import { DEMO_BRAND_VENUES, DEMO_OTHER_VENUES, DEMO_SWARM_CUSTOMERS } from "./seed/demo-checkins";
import { linkDemoXAdvocates } from "./seed/demo-x-advocates";

const DEMO_SLUG = "tasti-d-lite";
const CHECKINS_PER_MINUTE = 4;
const log = (message: string) => console.log(`[check-ins] ${message}`);

async function waitUntilUp(url: string, what: string, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${what} did not answer at ${url}`);
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

async function main(): Promise<void> {
  const env = getEnv();
  const sandboxUrl = env.FOURSQUARE_API_BASE_URL;
  if (!sandboxUrl) return log("FOURSQUARE_API_BASE_URL is not set: not wiring the sandbox's check-ins");
  const sandbox = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${sandboxUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`sandbox ${method} ${path} → ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  const tenant = await unsafeCrossTenantDb().tenant.findUnique({ where: { slug: DEMO_SLUG }, select: { id: true, slug: true } });
  if (!tenant) return log(`no "${DEMO_SLUG}" tenant (run npm run db:seed): nothing to wire`);
  await waitUntilUp(`${sandboxUrl}/__admin/health`, "the sandbox");

  for (const venue of [...DEMO_BRAND_VENUES, ...DEMO_OTHER_VENUES]) await sandbox("POST", "/__admin/foursquare/venues", venue);

  const ctx = systemContext(tenant.id, tenant.slug);
  const customers = await getDb().customer.findMany({
    where: { tenantId: tenant.id, erasedAt: null, mergedIntoId: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: DEMO_SWARM_CUSTOMERS,
    select: { id: true, displayName: true },
  });
  const linked: { handle: string; name: string }[] = [];
  for (const customer of customers) {
    const [firstName = "swarm", ...rest] = customer.displayName.split(" ");
    const handle = `swarm.${firstName.toLowerCase().replace(/[^a-z0-9]/g, "")}`;
    await sandbox("POST", "/__admin/foursquare/users", { handle, firstName, lastName: rest.join(" ") });
    const minted = await sandbox<{ access_token: string; user: { id: string } }>("POST", "/__admin/foursquare/tokens", { user: handle });
    const db = getDb();
    let profile = await db.socialProfile.findFirst({
      where: { tenantId: tenant.id, network: "FOURSQUARE", externalUserId: minted.user.id },
      select: { id: true, customerId: true },
    });
    if (!profile || profile.customerId !== customer.id) {
      try {
        const result = await linkSocialProfile(ctx, {
          customerId: customer.id,
          network: "FOURSQUARE",
          externalUserId: minted.user.id,
          handle,
          consent: { scopes: [], allowPosting: false, policyVersion: "demo-1" },
        });
        profile = { id: result.socialProfile.id, customerId: customer.id };
      } catch (error) {
        if (isAppError(error) && error.code === "CONFLICT") {
          log(`${handle} (${minted.user.id}) is linked to another customer; skipped`);
          continue;
        }
        throw error;
      }
    }
    const profileId = profile.id;
    // Sandbox tokens live as long as the sandbox process: store this run's.
    await db.$transaction((tx) =>
      storeProfileTokens(tx, systemContext(tenant.id), profileId, { accessToken: minted.access_token, refreshToken: null, expiresAt: null, scopes: [] }),
    );
    linked.push({ handle, name: customer.displayName });
  }
  log(`linked Swarm accounts: ${linked.map((l) => `${l.name} (${l.handle})`).join(", ") || "none"}`);
  const advocates = await linkDemoXAdvocates(ctx, sandbox, DEMO_SWARM_CUSTOMERS);
  log(`linked X accounts: ${advocates.map((u) => `@${u}`).join(", ")}; they write a fifth of the sandbox's brand posts`);

  await waitUntilUp(new URL("/api/v1/health", env.APP_URL).toString(), "the web app");
  const pushUrl = foursquarePushUrl(tenant.slug);
  await sandbox("PUT", "/__admin/foursquare/push", { url: pushUrl, secret: env.FOURSQUARE_PUSH_SECRET });
  await sandbox("PUT", "/__admin/generator", { checkinsPerMinute: CHECKINS_PER_MINUTE, venues: [...DEMO_BRAND_VENUES, ...DEMO_OTHER_VENUES] });
  let delivered = 0;
  for (const [i, account] of linked.entries()) {
    const venue = DEMO_BRAND_VENUES[i % DEMO_BRAND_VENUES.length]!;
    const made = await sandbox<{ push: { status: string } }>("POST", "/__admin/foursquare/checkins", {
      user: account.handle,
      venue_id: venue.id,
      ...(i === 0 ? { shout: "Fat-free and fabulous #TastiRewards" } : {}),
    });
    if (made.push.status === "delivered") delivered++;
  }
  if (linked[0]) await sandbox("POST", "/__admin/foursquare/checkins", { user: linked[0].handle, venue_id: DEMO_OTHER_VENUES[0]!.id });
  log(`pushes go to ${pushUrl}; ${delivered}/${linked.length} first check-ins delivered; ${CHECKINS_PER_MINUTE} generated check-ins a minute from now on`);
}

main()
  .catch((error: unknown) => log(`not wired: ${error instanceof Error ? error.message : String(error)}`))
  .finally(() => disconnectDb().catch(() => undefined));
