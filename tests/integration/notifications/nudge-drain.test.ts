import { describe, expect, it } from "vitest";
import { getQueue, findQueuedJob } from "../../../src/server/jobs/queues";
import { jobDefinition } from "../../../src/server/jobs/registry";
import { drainJobId } from "../../../src/server/modules/notifications/notifications.jobs";
import { nudgeNotificationDrain } from "../../../src/server/modules/notifications/schedule-notifications";
import { createTenantWithMember } from "../support/factories";

describe("nudgeNotificationDrain", () => {
  it("a burst of nudges leaves one drain queued for the tenant, and a nudge after the burst queues again", async () => {
    const { ctx } = await createTenantWithMember();
    const queue = getQueue(jobDefinition("notifications.drain").queue);
    const before = await queue.count();
    await Promise.all(Array.from({ length: 50 }, () => nudgeNotificationDrain(ctx)));
    const job = await findQueuedJob("notifications.drain", drainJobId(ctx.tenantId));
    expect(job?.data).toEqual({ tenantId: ctx.tenantId });
    // One drain for the tenant, whatever the burst: the jobId dedupes and nothing else was added.
    expect((await queue.count()) - before).toBe(1);
    // A later nudge (the burst is over) goes out again rather than being swallowed.
    await job!.remove();
    await nudgeNotificationDrain(ctx);
    expect(await findQueuedJob("notifications.drain", drainJobId(ctx.tenantId))).toBeDefined();
  });
});
