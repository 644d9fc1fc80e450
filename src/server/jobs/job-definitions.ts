import type { JobsOptions } from "bullmq";
import type { z } from "zod";
import { SENTIMENT_ROLLUP_JOBS } from "../modules/customers/sentiment-rollup.jobs";
import { ZMailJob } from "../modules/mail/mail.schemas";
import { CHECKIN_JOBS } from "../pipeline/checkins/checkins.jobs";
import { REVERSAL_JOBS } from "../pipeline/deletions/reversal.jobs";
import { ZPollSourceJob, ZScheduleListening } from "../pipeline/pipeline.schemas";
import { SHARING_JOBS } from "../pipeline/sharing/sharing.jobs";
import type { JobDefinition } from "./job-scope";

import { QUEUE_NAMES, type QueueName } from "./job-scope";

export { QUEUE_NAMES, type QueueName };

/**
 * Every job the system runs: its queue, its payload schema and its retry/retention policy.
 * Producers enqueue through `enqueue()`; the worker parses each payload with the same schema
 * when it consumes it and looks the handler up in src/workers/handler-registry.ts.
 * Each names its scope (job-scope.ts): a tenant job's payload carries `tenantId`, checked by its
 * type and again when it is enqueued; a platform job carries none.
 */

const RETAIN: Pick<JobsOptions, "removeOnComplete" | "removeOnFail"> = {
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5_000 },
};

export const JOB_DEFINITIONS = {
  /**
   * Platform: mail goes to staff of no tenant too (password resets) and carries credentials, so
   * no tenant's queue screen lists it.
   * Secrets travel sealed (see modules/mail/mail-secrets.ts); a sent mail's job is removed at once,
   * the MailMessage row is its record. A failed one is kept for inspection: it holds ciphertext only.
   */
  "mail.send": {
    scope: "platform",
    queue: "mail",
    schema: ZMailJob,
    options: { attempts: 5, backoff: { type: "exponential", delay: 1_000 }, removeOnComplete: true, removeOnFail: RETAIN.removeOnFail },
  },
  /** The scheduler's tick (a BullMQ job scheduler): fans out one poll per due source. */
  "listening.schedule": {
    scope: "platform",
    queue: "listening",
    schema: ZScheduleListening,
    options: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  },
  /** One page of one source: fetch, then store + attribute + score + pay in one transaction. */
  "listening.poll-source": {
    scope: "tenant",
    queue: "listening",
    schema: ZPollSourceJob,
    options: { attempts: 4, backoff: { type: "exponential", delay: 2_000 }, ...RETAIN },
  },
  /** Deleted upstream → mention cleared and its points reversed (src/server/pipeline/deletions). */
  ...REVERSAL_JOBS,
  /** Posting awards on customers' behalf; refreshing linked profiles (src/server/pipeline/sharing). */
  ...SHARING_JOBS,
  /** Check-ins of linked Foursquare accounts, polled and pushed (src/server/pipeline/checkins). */
  ...CHECKIN_JOBS,
  /** Customers' sentiment labels rolled up from their recent mentions (src/server/modules/customers/customer-sentiment.ts). */
  ...SENTIMENT_ROLLUP_JOBS,
} as const satisfies Record<string, JobDefinition>;

export type JobName = keyof typeof JOB_DEFINITIONS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOB_DEFINITIONS)[N]["schema"]>;

export function jobScope(name: JobName): JobDefinition["scope"] {
  return (JOB_DEFINITIONS[name] as JobDefinition).scope;
}

/** The queues that carry tenant jobs (a tenant's screen has nothing to show of the others). */
export function queuesWithTenantJobs(): QueueName[] {
  const definitions = Object.values(JOB_DEFINITIONS) as JobDefinition[];
  return QUEUE_NAMES.filter((queue) => definitions.some((d) => d.queue === queue && d.scope === "tenant"));
}

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOB_DEFINITIONS, name);
}
