export {};
// Run by webhooks.spec.ts as its own process (`npx tsx`): the e2e tier has no worker, so this plays
// the worker's `webhooks.deliver` tick once, with its own code, against the e2e database. Only the
// webhooks spec adds endpoints, so the due deliveries it sends are that spec's.
const { deliverDueWebhooks } = await import("../../../src/server/modules/webhooks/deliver-webhooks");
const { disconnectDb } = await import("../../../src/server/db/client");
const { closeQueues } = await import("../../../src/server/jobs/queues");

try {
  const result = await deliverDueWebhooks();
  console.log(JSON.stringify(result));
} finally {
  await closeQueues();
  await disconnectDb();
}
process.exit(0);
