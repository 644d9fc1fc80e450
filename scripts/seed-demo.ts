// npm run db:seed — a demo brand to explore: the Tasti D-Lite program from the reference case,
// its team, and realistic customers. Safe to run again: existing demo data is left as it is.
import { hashPassword } from "../src/server/auth/password";
import type { TenantContext } from "../src/server/auth/tenant-context";
import { disconnectDb, unsafeCrossTenantDb } from "../src/server/db/client";
import { getEnv } from "../src/server/env";
import { createCustomer } from "../src/server/modules/customers/customer.service";
import { demoCustomers } from "./seed/demo-customers";

const DEMO = {
  slug: "tasti-d-lite",
  name: "Tasti D-Lite",
  password: "megaphone-demo",
  staff: [
    { email: "owner@tasti.demo", name: "Jordan Owner", role: "OWNER" },
    { email: "marketer@tasti.demo", name: "Morgan Marketer", role: "MARKETER" },
    { email: "viewer@tasti.demo", name: "Vic Viewer", role: "VIEWER" },
  ],
} as const;

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
  console.log(`created demo tenant "${DEMO.name}" with ${DEMO.staff.length} staff and ${customers.length} customers`);
}
console.log("");
console.log(`  Staff sign-in: ${getEnv().APP_URL}/signin`);
for (const person of DEMO.staff) console.log(`    ${person.role.padEnd(8)} ${person.email}  /  ${DEMO.password}`);
console.log("");
await disconnectDb();
