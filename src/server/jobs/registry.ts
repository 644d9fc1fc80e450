import type { z } from "zod";
import { ADVOCATE_JOBS } from "../modules/advocates/advocates.jobs";
import { CUSTOMER_IMPORT_JOBS } from "../modules/customer-import/customer-import.jobs";
import { SENTIMENT_ROLLUP_JOBS } from "../modules/customers/sentiment-rollup.jobs";
import { OVERVIEW_JOBS } from "../modules/overview/overview.jobs";
import { LEADERBOARD_JOBS } from "../modules/leaderboard/leaderboard.jobs";
import { MAIL_JOBS } from "../modules/mail/mail.jobs";
import { MENTION_JOBS } from "../modules/mentions/mentions.jobs";
import { NOTIFICATION_JOBS } from "../modules/notifications/notifications.jobs";
import { CHECKIN_JOBS } from "../pipeline/checkins/checkins.jobs";
import { REVERSAL_JOBS } from "../pipeline/deletions/reversal.jobs";
import { LISTENING_JOBS } from "../pipeline/listening.jobs";
import { SHARING_JOBS } from "../pipeline/sharing/sharing.jobs";
import { TIER_JOBS } from "../modules/tiers/tiers.jobs";
import { WEBHOOK_JOBS, WEBHOOK_LOOPS } from "../modules/webhooks/webhooks.jobs";
import type { AnyJobDefinition, JobSchedule } from "./define-job";
import { QUEUE_NAMES, type QueueName } from "./queue-names";

/**
 * THE list of jobs. Each is defined (defineJob) in the `*.jobs.ts` file of the module that owns
 * its work; listing it here is what makes it exist: `enqueue()` is typed from this list, the
 * worker consumes exactly these (src/workers/start-workers.ts) and the schedulers are the
 * `schedule`s found here (schedulers.ts). tests/unit/jobs/job-registry.test.ts fails when a
 * defined job is missing here or a Queue, Worker or scheduler is built some other way.
 */
const ALL_JOBS = [
  ...LISTENING_JOBS,
  ...CHECKIN_JOBS,
  ...REVERSAL_JOBS,
  ...SHARING_JOBS,
  ...SENTIMENT_ROLLUP_JOBS,
  ...OVERVIEW_JOBS,
  ...MAIL_JOBS,
  ...LEADERBOARD_JOBS,
  ...NOTIFICATION_JOBS,
  ...ADVOCATE_JOBS,
  ...MENTION_JOBS,
  ...WEBHOOK_JOBS,
  ...CUSTOMER_IMPORT_JOBS,
  ...TIER_JOBS,
] as const;

/** Loops a worker process runs beside its queues, for work a tick would make wait too long. */
const WORKER_LOOPS: readonly { name: string; start: () => Promise<{ close(): Promise<void> }> }[] = [...WEBHOOK_LOOPS];

/** Starts every worker loop; `close` stops them all, each finishing what it has in hand. */
export async function startWorkerLoops(): Promise<{ names: string[]; close(): Promise<void> }> {
  const running = await Promise.all(WORKER_LOOPS.map((loop) => loop.start()));
  return { names: WORKER_LOOPS.map((loop) => loop.name), close: async () => void (await Promise.all(running.map((loop) => loop.close()))) };
}

type RegisteredJob = (typeof ALL_JOBS)[number];
export type JobName = RegisteredJob["name"];
export type JobPayload<N extends JobName> = z.input<Extract<RegisteredJob, { name: N }>["payload"]>;

const BY_NAME: ReadonlyMap<string, AnyJobDefinition> = (() => {
  const map = new Map<string, AnyJobDefinition>();
  for (const job of ALL_JOBS as readonly AnyJobDefinition[]) {
    if (map.has(job.name)) throw new Error(`job ${job.name} is defined twice`);
    map.set(job.name, job);
  }
  return map;
})();

export function jobDefinitions(): readonly AnyJobDefinition[] {
  return [...BY_NAME.values()];
}

export function isJobName(name: string): name is JobName {
  return BY_NAME.has(name);
}

export function jobDefinition(name: JobName): AnyJobDefinition {
  return BY_NAME.get(name)!;
}

export function jobScope(name: JobName): AnyJobDefinition["scope"] {
  return jobDefinition(name).scope;
}

/** The queues that carry tenant jobs (a tenant's screen has nothing to show of the others). */
export function queuesWithTenantJobs(): QueueName[] {
  return QUEUE_NAMES.filter((queue) => jobDefinitions().some((d) => d.queue === queue && d.scope === "tenant"));
}

/** The queues some job runs on: the ones a worker consumes. */
export function queuesInUse(): QueueName[] {
  return QUEUE_NAMES.filter((queue) => jobDefinitions().some((d) => d.queue === queue));
}

/**
 * Loads every handler (the worker calls this at start): the first job of each kind then runs at
 * once instead of paying for its module's first load, and a handler that cannot load stops the
 * worker at boot rather than failing jobs.
 */
export async function loadAllHandlers(): Promise<void> {
  await Promise.all(jobDefinitions().map((d) => d.handler()));
}

/** The repeating ticks: platform jobs with a schedule. */
export function scheduledJobs(): (AnyJobDefinition & { scope: "platform"; schedule: JobSchedule })[] {
  return jobDefinitions().filter(
    (d): d is AnyJobDefinition & { scope: "platform"; schedule: JobSchedule } => d.scope === "platform" && d.schedule !== undefined,
  );
}
