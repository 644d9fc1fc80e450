import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineJob, isJobDefinition, jobData, type AnyJobDefinition } from "../../../src/server/jobs/define-job";
import { QUEUE_NAMES } from "../../../src/server/jobs/queue-names";
import { jobDefinitions, scheduledJobs } from "../../../src/server/jobs/registry";

/**
 * The rules of the job registry (docs/architecture.md, "Jobs"), enforced: a job exists only by
 * being listed in src/server/jobs/registry.ts, and queues, workers, schedulers and enqueues are
 * built from that list and nowhere else.
 */

const ROOT = join(import.meta.dirname, "../../..");

function sourceFiles(dir = join(ROOT, "src")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const files = sourceFiles().map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, "utf8") }));

/** Files (relative to the repository) whose text matches `pattern`. */
function filesMatching(pattern: RegExp): string[] {
  return files
    .filter((f) => pattern.test(f.text))
    .map((f) => f.path)
    .sort();
}

describe("job registry", () => {
  it("lists every job defined anywhere in src, and each is defined in a *.jobs.ts file", async () => {
    expect(filesMatching(/\bdefineJob\(/).filter((path) => !path.endsWith(".jobs.ts"))).toEqual([]);
    const registered = new Set<unknown>(jobDefinitions());
    const jobFiles = files.filter((f) => f.path.endsWith(".jobs.ts"));
    expect(jobFiles.length).toBeGreaterThan(0);
    const unregistered: string[] = [];
    let defined = 0;
    for (const file of jobFiles) {
      const exports = (await import(pathToFileURL(join(ROOT, file.path)).href)) as Record<string, unknown>;
      for (const [exported, value] of Object.entries(exports)) {
        if (!isJobDefinition(value)) continue;
        defined++;
        if (!registered.has(value)) unregistered.push(`${file.path}: ${exported} (${value.name})`);
      }
    }
    expect(unregistered).toEqual([]);
    expect(defined).toBe(registered.size);
  });

  it("builds queues, workers and schedulers only from the registry", () => {
    // A Queue or Worker made elsewhere would bypass the registry (and the Redis Cluster hash tag).
    const valueImport = (name: string) => new RegExp(`import\\s*\\{[^}]*(?<!type )\\b${name}\\b[^}]*\\}\\s*from\\s*"bullmq"`);
    expect(filesMatching(valueImport("Queue"))).toEqual(["src/server/jobs/queues.ts"]);
    expect(filesMatching(valueImport("Worker"))).toEqual(["src/workers/start-workers.ts"]);
    expect(filesMatching(/new (Queue|Worker)\(/)).toEqual(["src/server/jobs/queues.ts", "src/workers/start-workers.ts"]);
    expect(filesMatching(/new (Queue|Worker)\((?!redisQueueName\()/)).toEqual([]);
    expect(filesMatching(/\bFlowProducer\b|\bQueueEvents\b/)).toEqual([]);
    // Scheduler ticks come from `schedule` in definitions; jobs reach Redis through enqueue().
    expect(filesMatching(/\.upsertJobScheduler\(/)).toEqual(["src/server/jobs/schedulers.ts"]);
    expect(filesMatching(/\.(add|addBulk)\(\s*(name|[a-z]+\.name|"[a-z-]+\.[a-z-]+"|jobs\.map)/)).toEqual(["src/server/jobs/queues.ts"]);
    expect(filesMatching(/\bgetQueue\([^)]*\)\s*\.(add|addBulk)\(/)).toEqual(["src/server/jobs/queues.ts"]);
    // The worker runs the registry's handlers; no second table of handlers.
    expect(filesMatching(/\bprocessJob\b/)).toEqual(["src/workers/process-job.ts", "src/workers/start-workers.ts"]);
  });

  it("gives every job a known queue, a retry policy, a retention and a loadable handler", async () => {
    for (const job of jobDefinitions()) {
      expect([job.name, QUEUE_NAMES.includes(job.queue)]).toEqual([job.name, true]);
      expect([job.name, job.retry.attempts >= 1]).toEqual([job.name, true]);
      expect([job.name, typeof (await job.handler())]).toEqual([job.name, "function"]);
    }
    expect(new Set(jobDefinitions().map((j) => j.queue))).toEqual(new Set(QUEUE_NAMES));
  }, 60_000); // loading every handler compiles most of src/server on first import

  it("schedules only platform jobs with an empty payload, each under its own id, on the maintenance queue (webhook delivery on mail)", () => {
    const ticks = scheduledJobs();
    expect(ticks.map((t) => t.name).sort()).toEqual(
      [
        "advocates.schedule-stage-rules",
        "checkins.schedule",
        "customers.schedule-sentiment-rollup",
        "listening.schedule",
        "mentions.schedule-deletion-checks",
        "notifications.tick",
        "profiles.schedule-refresh",
        "replies.settle-stale",
        "share.sweep",
        "tiers.schedule-tracking",
        "webhooks.deliver",
      ].sort(),
    );
    expect(new Set(ticks.map((t) => t.schedule.id)).size).toBe(ticks.length);
    for (const tick of ticks) {
      // Webhook delivery waits on brands' endpoints (up to 10 s each): it runs with the mail, not among the fan-out ticks.
      const queue = tick.name === "webhooks.deliver" ? "mail" : "maintenance";
      expect([tick.name, tick.scope, tick.queue]).toEqual([tick.name, "platform", queue]);
      expect(jobData(tick, {})).toEqual({});
      // Every job, ticks included, may be retried (besides the outage deferral every job gets).
      expect([tick.name, tick.retry.attempts > 1]).toEqual([tick.name, true]);
    }
  });
});

describe("job scopes", () => {
  const tenantJobs = () => jobDefinitions().filter((d) => d.scope === "tenant");

  it("makes every tenant job's payload carry tenantId", () => {
    expect(tenantJobs().map((d) => d.name)).toEqual(
      expect.arrayContaining([
        "listening.poll-source",
        "share.post-award",
        "checkins.poll-profile",
        "checkins.ingest-push",
        "mentions.check-deletions",
        "profiles.refresh-tenant",
        "customers.sentiment-rollup",
        "customers.import",
      ]),
    );
    for (const definition of tenantJobs()) {
      const shape = (definition.payload as unknown as { shape?: Record<string, unknown> }).shape;
      expect([definition.name, shape && "tenantId" in shape]).toEqual([definition.name, true]);
      expect(() => jobData(definition, {})).toThrow();
    }
  });

  it("refuses a tenant job without its tenant even if its schema would let it through", () => {
    const loose = { name: "x.loose", scope: "tenant", payload: { parse: (v: unknown) => v } } as unknown as AnyJobDefinition;
    expect(() => jobData(loose, { sourceId: "src_1" })).toThrow(/must carry tenantId/);
    expect(jobData(loose, { tenantId: "ten_1" })).toEqual({ tenantId: "ten_1" });
  });

  it("keeps scheduler ticks and mail platform jobs, which name no tenant", () => {
    const platform = jobDefinitions()
      .filter((d) => d.scope === "platform")
      .map((d) => d.name);
    expect(platform.sort()).toEqual([...scheduledJobs().map((t) => t.name), "mail.send"].sort());
    const tick = scheduledJobs().find((t) => t.name === "listening.schedule")!;
    expect(() => jobData(tick, { tenantId: "ten_1" })).toThrow();
  });

  it("does not compile a tenant job whose payload lacks tenantId", () => {
    const make = () =>
      // @ts-expect-error a tenant job's payload must output tenantId
      defineJob({
        name: "x.no-tenant",
        scope: "tenant",
        queue: "listening",
        payload: z.strictObject({ sourceId: z.string() }),
        handler: async () => async () => {},
        retry: { attempts: 1 },
        retain: "none",
      });
    expect(isJobDefinition(make())).toBe(true);
  });
});
