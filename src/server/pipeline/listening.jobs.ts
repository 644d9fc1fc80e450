import { defineJob, TICK } from "../jobs/define-job";
import { getEnv } from "../env";
import { ZPollSourceJob, ZScheduleListening } from "./pipeline.schemas";

/** Listening on search networks: the tick that finds due sources and the poll of one page. */

/** The tick: one poll per due source, all tenants (and per source whose run has no live job). */
export const listeningScheduleJob = defineJob({
  ...TICK,
  name: "listening.schedule",
  payload: ZScheduleListening,
  handler: async () => (await import("./listening.handlers")).scheduleListeningHandler,
  schedule: { id: "listening-scheduler", everyMs: () => getEnv().LISTENING_SCHEDULER_EVERY_MS },
});

/**
 * One page of one source: fetch, then store + attribute + score + pay in one statement. The
 * scheduler's job id (`poll:<source>`) dedupes while the poll is pending; a failed poll stays on
 * the queue screens and does not stop the next tick from polling the source again.
 */
export const pollSourceJob = defineJob({
  name: "listening.poll-source",
  scope: "tenant",
  queue: "listening",
  payload: ZPollSourceJob,
  handler: async () => (await import("./listening.handlers")).pollSourceHandler,
  retry: { attempts: 4, backoffMs: 2_000 },
  retain: "history",
  dedupe: "while-pending",
});

export const LISTENING_JOBS = [listeningScheduleJob, pollSourceJob] as const;
