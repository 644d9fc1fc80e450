import { Queue, type Job, type JobsOptions } from "bullmq";
import { getRedis } from "../redis";
import { jobData, type AnyJobDefinition } from "./define-job";
import type { QueueName } from "./queue-names";
import { jobDefinition, type JobName, type JobPayload } from "./registry";
import { retentionOptions } from "./retention";

export const QUEUE_PREFIX = "megaphone";

/**
 * The name a queue has in Redis: wrapped in a hash tag, so all of one queue's keys
 * (`megaphone:{listening}:wait`, `…:active`, …) land in one Redis Cluster slot — BullMQ's scripts
 * touch several keys of a queue at once — while different queues may live on different nodes.
 * Every Queue and Worker is made with this name (tests/unit/jobs/job-registry.test.ts checks).
 */
export function redisQueueName(queue: QueueName): string {
  return `{${queue}}`;
}

const queues = globalThis as unknown as { megaphoneQueues?: Map<QueueName, Queue> };

/** Producer-side queue, on the shared producer connection (never a worker's). */
export function getQueue(name: QueueName): Queue {
  queues.megaphoneQueues ??= new Map();
  let queue = queues.megaphoneQueues.get(name);
  if (!queue) {
    queue = new Queue(redisQueueName(name), { connection: getRedis("producer"), prefix: QUEUE_PREFIX });
    queues.megaphoneQueues.set(name, queue);
  }
  return queue;
}

/**
 * BullMQ reserves ":" in custom job ids (its repeatable-job keys); our dedupe keys use it freely,
 * so it is swapped for "|" here rather than at every call site.
 */
export function toJobId(key: string): string {
  return key.replaceAll(":", "|");
}

/**
 * What a producer may choose per job. Retry and retention come from the job's definition; only
 * `attempts` may be lowered per call (tests and tools that want a job to fail at once).
 */
export interface EnqueueOptions {
  /** Dedupe key; how it dedupes is the definition's `dedupe` (define-job.ts). */
  jobId?: string;
  delay?: number;
  priority?: number;
  attempts?: number;
}

/** The BullMQ options of one job: the definition's policy, then the producer's choices. */
export function jobOptions(definition: AnyJobDefinition, options: EnqueueOptions = {}): JobsOptions {
  const { retry } = definition;
  const base: JobsOptions = {
    attempts: options.attempts ?? retry.attempts,
    ...(retry.backoffMs ? { backoff: { type: "exponential", delay: retry.backoffMs } } : {}),
    ...retentionOptions(definition.retain),
    ...(options.delay !== undefined ? { delay: options.delay } : {}),
    ...(options.priority !== undefined ? { priority: options.priority } : {}),
  };
  if (options.jobId === undefined) return base;
  const id = toJobId(options.jobId);
  return definition.dedupe === "while-pending" ? { ...base, deduplication: { id } } : { ...base, jobId: id };
}

/**
 * Validates the payload against the job's schema before it leaves the process (a tenant job
 * without its tenantId is refused, see define-job.ts) and queues it on the job's queue. Returns
 * the job's id (for a deduplicated add, the pending job's). Exactly-once effects rely on
 * Postgres keys, not on this dedupe.
 */
export async function enqueue<N extends JobName>(name: N, payload: JobPayload<N>, options: EnqueueOptions = {}): Promise<string | undefined> {
  const definition = jobDefinition(name);
  const job = await getQueue(definition.queue).add(name, jobData(definition, payload), jobOptions(definition, options));
  return job.id;
}

/** Many jobs of one kind in one round trip (addBulk), each validated like `enqueue`. */
export async function enqueueMany<N extends JobName>(name: N, jobs: { payload: JobPayload<N>; options?: EnqueueOptions }[]): Promise<void> {
  if (jobs.length === 0) return;
  const definition = jobDefinition(name);
  await getQueue(definition.queue).addBulk(
    jobs.map(({ payload, options }) => ({ name, data: jobData(definition, payload), opts: jobOptions(definition, options) })),
  );
}

export async function closeQueues(): Promise<void> {
  const all = [...(queues.megaphoneQueues?.values() ?? [])];
  queues.megaphoneQueues = new Map();
  await Promise.all(all.map((q) => q.close()));
}

/**
 * The job a producer's `jobId` names while Redis holds it, whatever the job's dedupe mode (for a
 * "while-pending" job only until it ends), or undefined.
 */
export async function findQueuedJob(name: JobName, key: string): Promise<Job | undefined> {
  const definition = jobDefinition(name);
  const queue = getQueue(definition.queue);
  const id = definition.dedupe === "while-pending" ? await queue.getDeduplicationJobId(toJobId(key)) : toJobId(key);
  return id ? queue.getJob(id) : undefined;
}
