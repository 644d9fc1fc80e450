import { Queue, type JobsOptions } from "bullmq";
import { getRedis } from "../redis";
import { JOB_DEFINITIONS, type JobName, type JobPayload, type QueueName } from "./job-definitions";
import { jobData } from "./job-scope";

export const QUEUE_PREFIX = "megaphone";

/**
 * The name a queue has in Redis: wrapped in a hash tag, so all of one queue's keys
 * (`megaphone:{listening}:wait`, `…:active`, …) land in one Redis Cluster slot — BullMQ's scripts
 * touch several keys of a queue at once — while different queues may live on different nodes.
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
 * Validates the payload against the job's schema before it leaves the process (a tenant job
 * without its tenantId is refused, see job-scope.ts). A `jobId`
 * dedupes while the job is still known to Redis; exactly-once effects rely on Postgres keys.
 */
export async function enqueue<N extends JobName>(
  name: N,
  payload: JobPayload<N>,
  options: JobsOptions = {},
): Promise<string | undefined> {
  const definition = JOB_DEFINITIONS[name];
  const data = jobData(name, definition, payload);
  const jobId = options.jobId === undefined ? undefined : toJobId(options.jobId);
  const job = await getQueue(definition.queue).add(name, data, { ...definition.options, ...options, jobId });
  return job.id;
}

/** Many jobs of one kind in one round trip (addBulk), each validated like `enqueue`. */
export async function enqueueMany<N extends JobName>(
  name: N,
  jobs: { payload: JobPayload<N>; options?: JobsOptions }[],
): Promise<void> {
  if (jobs.length === 0) return;
  const definition = JOB_DEFINITIONS[name];
  await getQueue(definition.queue).addBulk(
    jobs.map(({ payload, options = {} }) => ({
      name,
      data: jobData(name, definition, payload),
      opts: { ...definition.options, ...options, jobId: options.jobId === undefined ? undefined : toJobId(options.jobId) },
    })),
  );
}

export async function closeQueues(): Promise<void> {
  const all = [...(queues.megaphoneQueues?.values() ?? [])];
  queues.megaphoneQueues = new Map();
  await Promise.all(all.map((q) => q.close()));
}
