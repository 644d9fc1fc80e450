// npm run db:seed — a demo brand to explore: the Tasti D-Lite program from the reference case,
// its team, and realistic customers. Safe to run again: existing demo data is left as it is.
import { hashPassword } from "../src/server/auth/password";
import type { TenantContext } from "../src/server/auth/tenant-context";
import { disconnectDb, unsafeCrossTenantDb } from "../src/server/db/client";
import { getEnv } from "../src/server/env";
import { createCustomer } from "../src/server/modules/customers/customer.service";
import { DEV_BEARER_TOKEN } from "../src/sandbox/start-sandbox";
import { saveChannelConnection } from "../src/server/modules/channels/channel.service";
import { createSource } from "../src/server/modules/listening/source.service";
import { createPointRule } from "../src/server/modules/rules/point-rule.service";
import { seedCheckinListening } from "./seed/demo-checkins";
import { seedDemoRewards } from "./seed/demo-rewards";
import { demoCustomers } from "./seed/demo-customers";
import { DEMO } from "./seed/demo-staff";

const db = unsafeCrossTenantDb();
const existing = await db.tenant.findUnique({ where: { slug: DEMO.slug } });
if (existing) {
  console.log(`demo tenant "${DEMO.name}" already exists; leaving it as it is`);
} else {
  const passwordHash = await hashPassword(DEMO.password);
  const tenant = await db.tenant.create({
    data: { slug: DEMO.slug, name: DEMO.name, shareTemplate: "I just earned {points} TastiRewards points at {brand}! 🍦" },
  });
  for (const person of DEMO.staff) {
    const user = await db.user.upsert({
      where: { email: person.email },
      create: { email: person.email, name: person.name, passwordHash, lastTenantId: tenant.id },
      update: {},
    });
    await db.membership.create({ data: { tenantId: tenant.id, userId: user.id, role: person.role } });
  }
  const owner = await db.user.findUniqueOrThrow({ where: { email: DEMO.staff[0].email } });
  const ctx: TenantContext = { tenantId: tenant.id, tenantSlug: tenant.slug, role: "OWNER", actor: { type: "USER", id: owner.id } };
  const customers = demoCustomers(120, getEnv().SANDBOX_SEED);
  for (const customer of customers) await createCustomer(ctx, customer);
  // Listening to the sandbox out of the box: its dev bearer token, the brand's terms, and rules.
  await saveChannelConnection(ctx, { network: "TWITTER", credentials: { kind: "bearer", bearerToken: DEV_BEARER_TOKEN } });
  for (const [kind, value] of [
    ["KEYWORD", "Tasti D-Lite"],
    ["HANDLE", "@TastiDLite"],
    ["HASHTAG", "#TastiRewards"],
  ] as const) {
    await createSource(ctx, { network: "TWITTER", kind, value });
  }
  await createPointRule(ctx, {
    network: "TWITTER",
    action: "MENTION",
    name: "Tweets about us",
    basePoints: 10,
    influenceCurve: "LOG",
    influenceFactor: 0.5,
    maxMultiplier: 3,
    dailyCap: 100,
    minSentiment: -0.2,
    enabled: true,
  });
  await createPointRule(ctx, {
    network: "TWITTER",
    action: "LINK_ACCOUNT",
    name: "Linking an X account",
    basePoints: 50,
    influenceCurve: "NONE",
    influenceFactor: 1,
    maxMultiplier: 1,
    dailyCap: null,
    minSentiment: null,
    enabled: true,
  });
  console.log(
    `created demo tenant "${DEMO.name}" with ${DEMO.staff.length} staff, ${customers.length} customers, 3 tracked X terms, a mention rule and a link rule`,
  );
}
{
  // Check-in listening (Foursquare) — also added to a demo tenant seeded before it existed.
  const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: DEMO.slug } });
  const owner = await db.user.findUniqueOrThrow({ where: { email: DEMO.staff[0].email } });
  const ctx: TenantContext = { tenantId: tenant.id, tenantSlug: tenant.slug, role: "OWNER", actor: { type: "USER", id: owner.id } };
  const added = await seedCheckinListening(ctx);
  if (added.length) console.log(`added Foursquare check-in listening: ${added.join(", ")}`);
  // Tiers and a catalogue — also added to a demo tenant seeded before they existed.
  const rewards = await seedDemoRewards(ctx);
  if (rewards.length) console.log(`added ${rewards.join("; ")}`);
}
console.log("");
console.log(`  Staff sign-in: ${getEnv().APP_URL}/signin`);
for (const person of DEMO.staff) console.log(`    ${person.role.padEnd(8)} ${person.email}  /  ${DEMO.password}`);
console.log("");
await disconnectDb();
