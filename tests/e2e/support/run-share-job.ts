// Run by feedback.spec.ts as its own process (`npx tsx`): plays the worker for ONE queued
// `share.post-award` job (run-one-job.ts), against the e2e server's own X sandbox
// (TWITTER_API_BASE_URL in the environment: the customer's token was issued there), with the e2e
// server's database, Redis and encryption key.
import { runOneJob } from "./run-one-job";

const [tenantId, sharePostId] = process.argv.slice(2);
if (!tenantId || !sharePostId) throw new Error("usage: run-share-job.ts <tenantId> <sharePostId>");

const { toJobId } = await import("../../../src/server/jobs/queues");
const { ZSharePostAwardJob } = await import("../../../src/server/pipeline/sharing/sharing.jobs");
const { postAwardHandler } = await import("../../../src/server/pipeline/sharing/sharing.handlers");
const { shareJobId } = await import("../../../src/server/pipeline/sharing/queue-shares");

await runOneJob("sharing", toJobId(shareJobId(sharePostId)), async (job) => {
  const payload = ZSharePostAwardJob.parse(job.data);
  if (payload.tenantId !== tenantId) throw new Error("job of another tenant");
  await postAwardHandler(payload, job);
});
// The producer side keeps sockets open: this process is done.
process.exit(0);
