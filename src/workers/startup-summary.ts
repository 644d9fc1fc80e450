import type { Worker } from "bullmq";
import { getEnv } from "@/server/env";
import { QUEUE_NAMES } from "@/server/jobs/queue-names";
import { getQueue } from "@/server/jobs/queues";

/** Where a URL points, without its credentials (SMTP_URL may carry a password). */
function endpoint(url: string | undefined, whenEmpty: string): string {
  if (!url) return whenEmpty;
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return "(unparsable)";
  }
}

/**
 * What a started worker does, for its first log line: the queues it takes jobs from (with
 * concurrency), the repeating schedules as Redis holds them after registration (so the line
 * shows what will actually run), and the services it talks to.
 */
export async function startupSummary(workers: Worker[]) {
  const env = getEnv();
  const schedules = (await Promise.all(QUEUE_NAMES.map((queue) => getQueue(queue).getJobSchedulers()))).flat();
  return {
    queues: workers.map((w) => ({ name: w.name, concurrency: w.concurrency })),
    schedules: schedules.map((s) => ({ id: s.key, job: s.name, ...(s.every ? { everySeconds: s.every / 1000 } : { pattern: s.pattern }) })),
    xApi: endpoint(env.TWITTER_API_BASE_URL, "the real X API (TWITTER_API_BASE_URL empty)"),
    foursquareApi: endpoint(env.FOURSQUARE_API_BASE_URL, "the real Foursquare API (FOURSQUARE_API_BASE_URL empty)"),
    mail: endpoint(env.SMTP_URL, "not sent (SMTP_URL empty)"),
    appUrl: env.APP_URL,
  };
}
