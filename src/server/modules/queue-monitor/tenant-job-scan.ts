import type { QueueName } from "../../jobs/queue-names";
import { getQueue } from "../../jobs/queues";
import { getRedis, type RedisClient } from "../../redis";
import type { QueueState } from "./queue-monitor.schemas";

/**
 * One tenant's jobs, found inside Redis. BullMQ keeps one list or sorted set per state for the
 * whole queue and no index by tenant, so this script walks the newest SCAN_WINDOW ids of one
 * state and keeps those whose payload names the tenant (`data.tenantId`, which every tenant job
 * carries — see src/server/jobs/define-job.ts).
 *
 * Why a scan rather than per-tenant id sets kept on enqueue/completion: it costs the producers
 * and the listening pipeline nothing (no extra write per job, no bookkeeping that drifts when
 * BullMQ retires jobs by its own retention), and it is exact whenever a state holds at most
 * SCAN_WINDOW jobs — failed (kept up to 5 000 per queue) and completed (1 000) always do. The
 * cost is paid by whoever opens the page: per queue and state, one script that reads up to
 * SCAN_WINDOW job hashes' `data` field (a substring test first, JSON decoding only on a hit),
 * a few milliseconds of Redis time each, run as separate scripts so Redis is never held long.
 * Past the window (a backlog of more than SCAN_WINDOW waiting jobs) the counts are of the newest
 * SCAN_WINDOW only and are marked partial.
 *
 * The job hashes are read by key names the script builds (as BullMQ's own scripts do). On a
 * Redis Cluster that is allowed because they share the state key's hash tag (`megaphone:{listening}:…`),
 * hence its slot and node, so the script runs where KEYS[1] routes it and finds them all there.
 */
export const SCAN_WINDOW = 5_000;

const SCRIPT = `
local stateKey = KEYS[1]
local jobPrefix = ARGV[1]
local isList = ARGV[2] == "list"
local window = tonumber(ARGV[3])
local tenantId = ARGV[4]
local needle = ARGV[5]
local keep = tonumber(ARGV[6])
local total
local ids
if isList then
  total = redis.call("LLEN", stateKey)
  ids = redis.call("LRANGE", stateKey, 0, window - 1)
else
  total = redis.call("ZCARD", stateKey)
  ids = redis.call("ZREVRANGE", stateKey, 0, window - 1)
end
local count = 0
local matched = {}
for _, id in ipairs(ids) do
  local data = redis.call("HGET", jobPrefix .. id, "data")
  if data and string.find(data, needle, 1, true) then
    local ok, decoded = pcall(cjson.decode, data)
    if ok and type(decoded) == "table" and decoded["tenantId"] == tenantId then
      count = count + 1
      if #matched < keep then matched[#matched + 1] = id end
    end
  end
end
return { count, total, #ids, matched }
`;

type ScanCommand = (
  stateKey: string,
  jobPrefix: string,
  kind: string,
  window: number,
  tenantId: string,
  needle: string,
  keep: number,
) => Promise<[number, number, number, string[]]>;

function scanner(redis: RedisClient): ScanCommand {
  const named = redis as unknown as { megaphoneTenantJobScan?: ScanCommand };
  if (!named.megaphoneTenantJobScan) redis.defineCommand("megaphoneTenantJobScan", { numberOfKeys: 1, lua: SCRIPT });
  return named.megaphoneTenantJobScan!.bind(redis);
}

/** Where each monitored state lives (BullMQ's key names; a paused queue keeps its jobs in "wait"). */
const STATE_KEYS: Record<QueueState, { key: string; kind: "list" | "zset" }> = {
  waiting: { key: "wait", kind: "list" },
  prioritized: { key: "prioritized", kind: "zset" },
  delayed: { key: "delayed", kind: "zset" },
  active: { key: "active", kind: "list" },
  completed: { key: "completed", kind: "zset" },
  failed: { key: "failed", kind: "zset" },
};

export interface TenantStateScan {
  count: number;
  /** True when the state held more jobs than the window: `count` covers the newest SCAN_WINDOW. */
  partial: boolean;
  /** The tenant's job ids in this state, newest first (failed: by failure time), at most `keep`. */
  ids: string[];
}

export async function scanTenantJobs(
  queueName: QueueName,
  state: QueueState,
  tenantId: string,
  { keep = 0, window = SCAN_WINDOW }: { keep?: number; window?: number } = {},
): Promise<TenantStateScan> {
  const queue = getQueue(queueName);
  const scan = scanner(getRedis("producer"));
  // JSON.stringify writes no spaces, and a quote inside a string value is always escaped, so this
  // exact text only occurs as a real key; the script confirms it is the top-level one.
  const needle = `"tenantId":${JSON.stringify(tenantId)}`;
  const { key, kind } = STATE_KEYS[state];
  const [count, total, scanned, ids] = await scan(queue.toKey(key), queue.toKey(""), kind, window, tenantId, needle, keep);
  return { count: Number(count), partial: Number(total) > Number(scanned), ids };
}
