export {};
// Run by notifications.spec.ts as its own process (`npx tsx`): the e2e tier has no worker, so this
// plays it for one brand: drains the notification outbox, queues the day's digests, then delivers
// that customer's digest mail job with the worker's own code (no SMTP_URL: the delivery log row is
// the mailbox the spec reads). Other specs' jobs are not touched: the job is fetched by its id.
const [tenantId, customerId, day] = process.argv.slice(2);
if (!tenantId || !customerId || !day) throw new Error("usage: run-notifications.ts <tenantId> <customerId> <day>");

const { systemContext } = await import("../../../src/server/auth/tenant-context");
const { drainNotificationOutbox } = await import("../../../src/server/modules/notifications/drain-outbox");
const { sendDailyDigests } = await import("../../../src/server/modules/notifications/send-digests");
const { deliverMail } = await import("../../../src/server/modules/mail/mail.service");
const { ZMailJob } = await import("../../../src/server/modules/mail/mail.schemas");
const { getQueue, toJobId, closeQueues } = await import("../../../src/server/jobs/queues");
const { disconnectDb } = await import("../../../src/server/db/client");

try {
  const ctx = systemContext(tenantId);
  await drainNotificationOutbox(ctx);
  await sendDailyDigests(ctx, day);
  const job = await getQueue("mail").getJob(toJobId(`mail:digest:${customerId}:${day}`));
  if (!job) throw new Error("no digest mail was queued");
  await deliverMail(ZMailJob.parse(job.data));
  await job.remove();
} finally {
  await closeQueues();
  await disconnectDb();
}
process.exit(0);
