/**
 * The queues, split by kind of work so that one kind never waits behind another: a flood of
 * polls fills `listening` while a redemption email still leaves on `mail`. Each has its own
 * worker concurrency (WORKER_CONCURRENCY_<QUEUE> in src/server/env.ts).
 *
 * - listening: polls of listening sources and linked check-in accounts, pushed check-ins
 * - ledger: work whose point is moving points outside ingest (reversals of deleted posts)
 * - sharing: posting awards on customers' behalf, refreshing linked profiles
 * - mail: what leaves for the outside world: outgoing mail, webhook deliveries
 * - maintenance: scheduler ticks (fan-outs) and housekeeping (sentiment rollups)
 */
export const QUEUE_NAMES = ["listening", "ledger", "sharing", "mail", "maintenance"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export function isQueueName(name: string): name is QueueName {
  return (QUEUE_NAMES as readonly string[]).includes(name);
}
