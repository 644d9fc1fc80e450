// Run by rewards.spec.ts as its own process (`npx tsx`): the portal's screens are not built yet, so
// this plays the signed-in customer. It gives the customer points (an ADJUSTMENT through the ledger
// module, as staff would) and redeems through the real portal function, against the e2e server's
// database. Prints the redemption as JSON.
import type { CustomerContext } from "../../../src/server/auth/tenant-context";

const [tenantId, tenantSlug, customerId, rewardId, points] = process.argv.slice(2);
if (!tenantId || !tenantSlug || !customerId || !rewardId || !points) {
  throw new Error("usage: redeem-as-customer.ts <tenantId> <tenantSlug> <customerId> <rewardId> <points>");
}

const { systemContext } = await import("../../../src/server/auth/tenant-context");
const { adjustPoints } = await import("../../../src/server/modules/ledger/adjust-points");
const { redeemAsCustomer } = await import("../../../src/server/modules/rewards/redeem-reward");
const { disconnectDb } = await import("../../../src/server/db/client");
const { closeQueues } = await import("../../../src/server/jobs/queues");
const { closeSharedRedis } = await import("../../../src/server/redis");

try {
  await adjustPoints(systemContext(tenantId, tenantSlug), {
    customerId,
    amount: Number(points),
    reason: "e2e: points to spend",
    idempotencyKey: `e2e-seed-${customerId}-${rewardId}`,
  });
  const cctx: CustomerContext = { tenantId, tenantSlug, customerId, actor: { type: "CUSTOMER", id: customerId } };
  const result = await redeemAsCustomer(cctx, { rewardId, idempotencyKey: `e2e-${rewardId}` });
  process.stdout.write(JSON.stringify(result.redemption));
} finally {
  // A redemption nudges the notifications drain (a queue and its Redis connection): close them too.
  await closeQueues();
  await closeSharedRedis();
  await disconnectDb();
}
