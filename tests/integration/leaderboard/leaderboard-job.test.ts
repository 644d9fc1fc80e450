import { describe, expect, it } from "vitest";
import { findQueuedJob } from "../../../src/server/jobs/queues";
import type { JobHandler } from "../../../src/server/jobs/define-job";
import { jobDefinition } from "../../../src/server/jobs/registry";
import { leaderboardSyncJobId, ZLeaderboardSyncJob, type LeaderboardSyncJob } from "../../../src/server/modules/leaderboard/leaderboard.jobs";
import { topAdvocates } from "../../../src/server/modules/leaderboard/leaderboard.service";
import { waitFor } from "../support/wait-for";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { mentionAward, post } from "../ledger/ledger-test-kit";

describe("leaderboard.sync job", () => {
  it("a read of a board nobody has built asks for one sync of the tenant; the registered job builds it", async () => {
    const { ctx } = await createTenantWithMember();
    const customer = await makeCustomer(ctx);
    await post(ctx, [mentionAward(customer.id, "j", 42)]);
    expect((await topAdvocates(ctx, "all")).rows).toEqual([]);
    await topAdvocates(ctx, "month");
    const job = await waitFor(() => findQueuedJob("leaderboard.sync", leaderboardSyncJobId(ctx)), "the sync job", 5_000);
    expect(job.data).toEqual({ tenantId: ctx.tenantId });
    // What the worker does: the registry's handler, on the payload parsed again.
    const handler = (await jobDefinition("leaderboard.sync").handler()) as JobHandler<LeaderboardSyncJob>;
    await handler(ZLeaderboardSyncJob.parse(job.data), job);
    expect((await topAdvocates(ctx, "all")).rows).toEqual([{ rank: 1, displayName: null, points: 42, you: false }]);
  });
});
