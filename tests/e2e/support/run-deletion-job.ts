// Run by deletions.spec.ts as its own process (`npx tsx`): plays the worker for ONE queued
// `mentions.check-deletions` job of the tenant named in argv (run-one-job.ts), against an X
// sandbox of its own, with the e2e server's database, Redis and encryption key.
import { runOneJob } from "./run-one-job";

const [tenantId, jobId] = process.argv.slice(2);
if (!tenantId || !jobId) throw new Error("usage: run-deletion-job.ts <tenantId> <jobId>");

const { startSandbox } = await import("../../../src/sandbox/start-sandbox");
const sandbox = await startSandbox({ port: 0, startGenerator: false, initialPosts: 0 });
process.env.TWITTER_API_BASE_URL = sandbox.url;
const { resetEnvCache } = await import("../../../src/server/env");
resetEnvCache();
const { ZCheckDeletionsJob } = await import("../../../src/server/pipeline/deletions/deletion.schemas");
const { checkDeletionsHandler } = await import("../../../src/server/pipeline/deletions/reversal.handlers");

try {
  await runOneJob("ledger", jobId, async (job) => {
    const payload = ZCheckDeletionsJob.parse(job.data);
    if (payload.tenantId !== tenantId) throw new Error("job of another tenant");
    await checkDeletionsHandler(payload, job);
  });
} finally {
  await sandbox.close();
}
// The producer side (queues opened for continuations) keeps sockets open: this process is done.
process.exit(0);
