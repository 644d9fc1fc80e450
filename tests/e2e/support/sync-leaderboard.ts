// Run by leaderboard.spec.ts as its own process (`npx tsx`): the e2e tier runs no worker, so this
// plays the worker's `leaderboard.sync` for ONE tenant (argv), against the e2e server's database
// and Redis, through the same function the job's handler calls.
import { systemContext } from "../../../src/server/auth/tenant-context";
import { disconnectDb } from "../../../src/server/db/client";
import { syncLeaderboard } from "../../../src/server/modules/leaderboard/leaderboard-sync";
import { closeSharedRedis } from "../../../src/server/redis";

const [tenantId] = process.argv.slice(2);
if (!tenantId) throw new Error("usage: sync-leaderboard.ts <tenantId>");

try {
  const outcome = await syncLeaderboard(systemContext(tenantId));
  if (outcome.kind === "busy") throw new Error("the tenant's board is being synced by someone else");
} finally {
  await closeSharedRedis();
  await disconnectDb();
}
