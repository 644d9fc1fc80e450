// Started by `npm run demo` beside the web app, the worker and the sandbox: waits until all three
// answer (the app's /api/v1/health, the sandbox's admin health, a worker connected to every
// queue), then prints where to go and the staff logins — last, so the build output does not
// scroll them away — and exits.
import { Queue } from "bullmq";
import { getEnv, getSandboxEnv } from "../src/server/env";
import { QUEUE_NAMES } from "../src/server/jobs/queue-names";
import { QUEUE_PREFIX, redisQueueName } from "../src/server/jobs/queues";
import { closeSharedRedis, getRedis } from "../src/server/redis";
import { unsafeCrossTenantDb } from "../src/server/db/client";
import { DEMO } from "./seed/demo-staff";

const TIMEOUT_MS = 300_000;
const started = Date.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, answers: () => Promise<boolean>): Promise<void> {
  for (;;) {
    if (await answers().catch(() => false)) return;
    if (Date.now() - started > TIMEOUT_MS) throw new Error(`${what} did not answer within ${TIMEOUT_MS / 1000} s`);
    await sleep(1_000);
  }
}

const httpOk = (url: string) => () => fetch(url, { signal: AbortSignal.timeout(5_000) }).then((r) => r.ok);

async function main(): Promise<void> {
  const env = getEnv();
  // DEMO_SANDBOX=1: demo.sh started the sandbox too (it is absent from some trees).
  const sandbox = getSandboxEnv();
  const sandboxUrl = process.env.DEMO_SANDBOX === "1" ? `http://${sandbox.SANDBOX_HOST}:${sandbox.SANDBOX_PORT}` : undefined;
  const queues = QUEUE_NAMES.map((name) => new Queue(redisQueueName(name), { connection: getRedis("producer"), prefix: QUEUE_PREFIX }));
  try {
    await waitFor(`the web app at ${env.APP_URL}`, httpOk(`${env.APP_URL}/api/v1/health`));
    if (sandboxUrl) await waitFor(`the sandbox at ${sandboxUrl}`, httpOk(`${sandboxUrl}/__admin/health`));
    await waitFor("the worker", async () => (await Promise.all(queues.map((q) => q.getWorkersCount()))).every((n) => n > 0));
  } finally {
    await Promise.all(queues.map((q) => q.close()));
    await closeSharedRedis();
  }

  const fan = await demoPortalCustomer();
  const lines = [
    "",
    `Megaphone is up (everything answered ${Math.round((Date.now() - started) / 1000)} s after starting). Ctrl-C stops everything.`,
    "",
    `  Open        ${env.APP_URL}/signin`,
    `  Portal      ${env.APP_URL}/r/${DEMO.slug}   (the customers' rewards portal)`,
    ...(fan ? [`              sign in as ${fan}: the link and code arrive in Demo mail`] : []),
    ...(sandboxUrl ? [`  Demo mail   ${sandboxUrl}/__mail   (sign-in links, invitations, password resets; this machine only)`] : []),
    ...(sandboxUrl ? [`  Sandbox     ${sandboxUrl}/__admin/health   (X API v2 + Foursquare emulator)`] : []),
    "",
    `  Staff logins for "${DEMO.name}" (password ${DEMO.password}):`,
    ...DEMO.staff.map((person) => `    ${person.role.padEnd(9)} ${person.email}`),
    "",
  ];
  console.log(lines.join("\n"));
}

/** A demo customer with a linked account, the most points and an email: someone worth signing in as. */
async function demoPortalCustomer(): Promise<string | null> {
  const db = unsafeCrossTenantDb();
  const tenant = await db.tenant.findUnique({ where: { slug: DEMO.slug }, select: { id: true } });
  if (!tenant) return null;
  const best = await db.customer.findFirst({
    where: { tenantId: tenant.id, erasedAt: null, mergedIntoId: null, socialProfiles: { some: {} }, emails: { some: {} } },
    orderBy: { pointBalance: { lifetimeEarned: "desc" } },
    select: { emails: { orderBy: { isPrimary: "desc" }, take: 1, select: { email: true } } },
  });
  return best?.emails[0]?.email ?? null;
}

main().catch((error: unknown) => {
  console.error(`[ready] ${(error as Error).message}`);
  // Never fails the demo: the other processes keep running.
  process.exit(0);
});
