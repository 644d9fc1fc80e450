import type { JobsOptions } from "bullmq";
import type { z } from "zod";

/** The queues every job runs on (listed here so job files import no runtime from job-definitions). */
export const QUEUE_NAMES = ["mail", "listening"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * Whose job it is. A TENANT job works for one tenant and carries that tenant's id in its
 * payload, so the tenant's queue screen can find it (and nobody else's screen can). A PLATFORM
 * job belongs to no tenant: scheduler ticks that fan out over tenants, mail (which may go to
 * staff of no tenant and carries credentials). Only platform operators see platform jobs.
 */
export type JobScope = "tenant" | "platform";

interface JobDefinitionBase {
  queue: QueueName;
  options: JobsOptions;
}

/** A tenant job's schema must output `tenantId: string`: a definition without it does not compile. */
export interface TenantJobDefinition extends JobDefinitionBase {
  scope: "tenant";
  schema: z.ZodType<{ tenantId: string }>;
}

export interface PlatformJobDefinition extends JobDefinitionBase {
  scope: "platform";
  schema: z.ZodType;
}

export type JobDefinition = TenantJobDefinition | PlatformJobDefinition;

/** The tenant a job payload names, or null (platform jobs, foreign or malformed data). */
export function tenantIdOf(data: unknown): string | null {
  if (typeof data !== "object" || data === null) return null;
  const tenantId = (data as { tenantId?: unknown }).tenantId;
  return typeof tenantId === "string" && tenantId.length > 0 ? tenantId : null;
}

/**
 * The payload as it goes to Redis: parsed by the job's schema, and a tenant job refused unless
 * it names its tenant. Every producer path (enqueue, enqueueMany, the pipelines' bulk helpers)
 * goes through here, so the check cannot be skipped by adding jobs another way.
 */
export function jobData(name: string, definition: JobDefinition, payload: unknown): unknown {
  const data: unknown = definition.schema.parse(payload);
  if (definition.scope === "tenant" && tenantIdOf(data) === null) {
    throw new Error(`${name} is a tenant job: its payload must carry tenantId`);
  }
  if (definition.scope === "platform" && tenantIdOf(data) !== null) {
    // A platform job naming a tenant would be hidden from that tenant's screen yet look like theirs.
    throw new Error(`${name} is a platform job: its payload must not carry tenantId`);
  }
  return data;
}
