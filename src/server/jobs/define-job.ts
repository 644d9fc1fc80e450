import type { Job } from "bullmq";
import type { z } from "zod";
import type { QueueName } from "./queue-names";
import type { Retention } from "./retention";

/**
 * Whose job it is. A TENANT job works for one tenant and carries that tenant's id in its
 * payload, so the tenant's queue screen can find it (and nobody else's screen can). A PLATFORM
 * job belongs to no tenant: scheduler ticks that fan out over tenants, mail (which may go to
 * staff of no tenant and carries credentials). Only platform operators see platform jobs.
 */
export type JobScope = "tenant" | "platform";

/** Consumes one parsed payload. Throwing retries (UnrecoverableError: fails for good). */
export type JobHandler<P> = (payload: P, job: Job) => Promise<void>;

export interface RetryPolicy {
  /** Runs in all, the first included (1: no retry of the job's own errors; outages are still waited out). */
  attempts: number;
  /** Exponential backoff between attempts, starting at this many ms. */
  backoffMs?: number;
}

/** A repeating tick (BullMQ job scheduler with this stable id), registered by every worker. */
export interface JobSchedule {
  id: string;
  /** Interval in ms; a function when it comes from the environment (read when schedulers register). */
  everyMs: number | (() => number);
}

/**
 * How a producer's `jobId` dedupes. "job-id": it IS the job's id, so the same job is never
 * queued twice while Redis remembers it — failed ones included, which is what a per-record job
 * wants (a share, a pushed check-in: the failed job is the one to retry). "while-pending": it is
 * a BullMQ deduplication id, held only while the job waits, runs or backs off, so a periodic
 * fan-out (one poll per source per tick) is never doubled, yet a failed run, kept visible on the
 * queue screens, does not block the next tick's.
 */
export type DedupeMode = "job-id" | "while-pending";

interface JobSpecBase<N extends string, S extends z.ZodType> {
  name: N;
  queue: QueueName;
  payload: S;
  /**
   * The handler, loaded on first use. Why lazy: the web app imports the registry to enqueue
   * (mail, pushed check-ins, shares), and a static import would pull every handler's worker-only
   * code (social providers, ingest, SMTP) into each route that enqueues. Only the worker calls this.
   */
  handler: () => Promise<JobHandler<z.output<S>>>;
  retry: RetryPolicy;
  retain: Retention;
  dedupe?: DedupeMode;
}

export interface TenantJobSpec<N extends string, S extends z.ZodType> extends JobSpecBase<N, S> {
  scope: "tenant";
}

export interface PlatformJobSpec<N extends string, S extends z.ZodType> extends JobSpecBase<N, S> {
  scope: "platform";
  /** Only platform jobs repeat: a scheduler repeats one fixed payload, which can name no tenant. */
  schedule?: JobSchedule;
}

export type JobDefinition<N extends string = string, S extends z.ZodType = z.ZodType> = (TenantJobSpec<N, S> | PlatformJobSpec<N, S>) & {
  dedupe: DedupeMode;
  readonly [DEFINED]: true;
};

/** Any definition, whatever its payload (the registry's element type). */
export type AnyJobDefinition = JobDefinition extends infer D
  ? D extends unknown
    ? Omit<D, "handler"> & { handler: () => Promise<JobHandler<never>> }
    : never
  : never;

const DEFINED: unique symbol = Symbol("megaphone.job");

/**
 * One job: its name, queue, payload schema, handler, retry, retention and, for ticks, schedule.
 * Define it in the `*.jobs.ts` file of the module that owns the work and list it in
 * src/server/jobs/registry.ts; the worker, the schedulers and `enqueue()` are built from that
 * list (tests/unit/jobs/job-registry.test.ts fails on a job defined but not registered).
 * A tenant job's schema must output `tenantId: string`: one without it does not compile.
 */
export function defineJob<const N extends string, S extends z.ZodType<{ tenantId: string }>>(spec: TenantJobSpec<N, S>): JobDefinition<N, S>;
export function defineJob<const N extends string, S extends z.ZodType>(spec: PlatformJobSpec<N, S>): JobDefinition<N, S>;
export function defineJob<const N extends string, S extends z.ZodType>(spec: TenantJobSpec<N, S> | PlatformJobSpec<N, S>): JobDefinition<N, S> {
  if (!/^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*$/.test(spec.name)) throw new Error(`job name ${spec.name}: use "<area>.<verb-or-noun>" in kebab-case`);
  if (spec.retry.attempts < 1) throw new Error(`job ${spec.name}: attempts must be at least 1`);
  return Object.freeze({ ...spec, dedupe: spec.dedupe ?? "job-id", [DEFINED]: true as const });
}

/** True for a value made by defineJob (the registry test finds definitions among a module's exports). */
export function isJobDefinition(value: unknown): value is AnyJobDefinition {
  return typeof value === "object" && value !== null && (value as { [DEFINED]?: unknown })[DEFINED] === true;
}

/** The tenant a job payload names, or null (platform jobs, foreign or malformed data). */
export function tenantIdOf(data: unknown): string | null {
  if (typeof data !== "object" || data === null) return null;
  const tenantId = (data as { tenantId?: unknown }).tenantId;
  return typeof tenantId === "string" && tenantId.length > 0 ? tenantId : null;
}

/**
 * The payload as it goes to Redis: parsed by the job's schema, and a tenant job refused unless
 * it names its tenant. Every producer path (enqueue, enqueueMany, scheduler templates) goes
 * through here, so the check cannot be skipped by adding jobs another way.
 */
export function jobData(definition: Pick<AnyJobDefinition, "name" | "scope" | "payload">, payload: unknown): unknown {
  const data: unknown = definition.payload.parse(payload);
  if (definition.scope === "tenant" && tenantIdOf(data) === null) {
    throw new Error(`${definition.name} is a tenant job: its payload must carry tenantId`);
  }
  if (definition.scope === "platform" && tenantIdOf(data) !== null) {
    // A platform job naming a tenant would be hidden from that tenant's screen yet look like theirs.
    throw new Error(`${definition.name} is a platform job: its payload must not carry tenantId`);
  }
  return data;
}

/**
 * What every scheduler tick shares: a platform job on the maintenance queue (never behind a
 * flood of polls), a few retries of its own errors besides the outage deferral every job gets
 * (src/workers/process-job.ts), and only its last runs kept when it succeeds.
 */
export const TICK = {
  scope: "platform",
  queue: "maintenance",
  retry: { attempts: 3, backoffMs: 2_000 },
  retain: "recent",
} as const;
