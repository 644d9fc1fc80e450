import { describe, expect, it } from "vitest";
import { JOB_DEFINITIONS, type JobName } from "../../../src/server/jobs/job-definitions";
import { jobData, type JobDefinition } from "../../../src/server/jobs/job-scope";

const definitions = Object.entries(JOB_DEFINITIONS) as [JobName, JobDefinition][];

describe("job scopes", () => {
  it("names a scope for every job", () => {
    for (const [name, definition] of definitions) expect([name, ["tenant", "platform"].includes(definition.scope)]).toEqual([name, true]);
  });

  it("makes every tenant job's payload carry tenantId", () => {
    const tenantJobs = definitions.filter(([, d]) => d.scope === "tenant");
    expect(tenantJobs.map(([name]) => name)).toEqual(
      expect.arrayContaining(["listening.poll-source", "share.post-award", "checkins.poll-profile", "checkins.ingest-push", "mentions.check-deletions", "profiles.refresh-tenant", "customers.sentiment-rollup"]),
    );
    for (const [name, definition] of tenantJobs) {
      const shape = (definition.schema as unknown as { shape?: Record<string, unknown> }).shape;
      expect([name, shape && "tenantId" in shape]).toEqual([name, true]);
      expect(() => jobData(name, definition, {})).toThrow();
    }
  });

  it("refuses a tenant job without its tenant even if its schema would let it through", () => {
    const loose = { scope: "tenant", queue: "listening", options: {}, schema: { parse: (v: unknown) => v } } as unknown as JobDefinition;
    expect(() => jobData("x.loose", loose, { sourceId: "src_1" })).toThrow(/must carry tenantId/);
    expect(jobData("x.loose", loose, { tenantId: "ten_1" })).toEqual({ tenantId: "ten_1" });
  });

  it("keeps scheduler ticks and mail platform jobs, which name no tenant", () => {
    for (const name of ["listening.schedule", "checkins.schedule", "mentions.schedule-deletion-checks", "share.sweep", "profiles.schedule-refresh", "customers.schedule-sentiment-rollup", "mail.send"] as const) {
      expect([name, (JOB_DEFINITIONS[name] as JobDefinition).scope]).toEqual([name, "platform"]);
    }
    expect(() => jobData("listening.schedule", JOB_DEFINITIONS["listening.schedule"] as JobDefinition, { tenantId: "ten_1" })).toThrow();
  });
});
