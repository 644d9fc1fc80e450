// The worker process. Validates the environment, starts one worker per queue and shuts down
// gracefully on SIGTERM/SIGINT (active jobs finish, connections close). One process either way:
// `npm run worker` (development: node with tsx's loader, exec'd, no tsx CLI child) or, in
// production, `npm run build:worker` once, then a supervisor runs `node dist/workers/main.mjs`.
import { disconnectDb } from "@/server/db/client";
import { getEnv } from "@/server/env";
import { closeQueues } from "@/server/jobs/queues";
import { loadAllHandlers, startWorkerLoops } from "@/server/jobs/registry";
import { registerSchedulers } from "@/server/jobs/schedulers";
import { getLogger } from "@/server/logger";
import { closeSharedRedis, getRedis } from "@/server/redis";
import { exitWithParent } from "./exit-with-parent";
import { startWorkers, type RunningWorkers } from "./start-workers";
import { startupSummary } from "./startup-summary";

try {
  getEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const log = getLogger();
const started: { workers?: RunningWorkers; loops?: { close(): Promise<void> } } = {};

// Installed before anything starts: a SIGTERM that arrives while the worker is still starting
// (loading handlers, registering schedulers) stops it gracefully too.
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "worker stopping: finishing active jobs");
  const force = setTimeout(() => {
    log.error("worker did not stop within 30 s; exiting");
    process.exit(1);
  }, 30_000);
  force.unref();
  await Promise.all([started.workers?.close(), started.loops?.close()]);
  await closeQueues();
  await closeSharedRedis();
  await disconnectDb();
  log.info("worker stopped");
  process.exit(0);
}

process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
exitWithParent((reason) => void shutdown(reason));

await loadAllHandlers();
const running = startWorkers();
started.workers = running;
await registerSchedulers();
if (!stopping) started.loops = await startWorkerLoops();
// Redis keeps nothing on disk here: after a restart the schedules are gone with the queues, so
// every reconnect registers them again (upserts with stable ids: never doubled).
getRedis("producer").on("ready", () => {
  registerSchedulers().catch((error: unknown) => log.error({ err: (error as Error).message }, "re-registering schedulers failed"));
});
if (!stopping) log.info(await startupSummary(running.workers), "worker started");
