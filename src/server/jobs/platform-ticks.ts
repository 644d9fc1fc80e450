import type { JobsOptions } from "bullmq";
import { isJobName, jobScope } from "./job-definitions";
import { getQueue } from "./queues";

/**
 * Registers a repeating tick (a BullMQ job scheduler, stable id). A scheduler repeats one fixed
 * payload, so it can only run platform jobs (fan-outs over tenants); a tenant job here would be a
 * job of no tenant, and is refused when the worker registers it.
 */
export async function upsertPlatformTick(
  schedulerId: string,
  every: number,
  template: { name: string; data: Record<string, never>; opts?: JobsOptions },
): Promise<void> {
  if (!isJobName(template.name) || jobScope(template.name) !== "platform") {
    throw new Error(`scheduler ${schedulerId}: ${template.name} is not a platform job`);
  }
  await getQueue("listening").upsertJobScheduler(schedulerId, { every }, { ...template, opts: { ...template.opts } });
}
