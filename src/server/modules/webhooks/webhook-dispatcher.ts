import { getLogger } from "../../logger";
import { deliverDueWebhooks } from "./deliver-webhooks";

/** How long the dispatcher sleeps when nothing is due: the bound on how late a new event's first attempt starts. */
export const DISPATCH_IDLE_MS = 250;
/** After an error (the database away), wait longer before asking again rather than spin. */
const ERROR_BACKOFF_MS = 2_000;

export interface WebhookDispatcher {
  /** Stops asking for more and waits for the deliveries in flight to be recorded. */
  close(): Promise<void>;
}

/**
 * The worker's low-latency path for webhooks: a loop that sends due deliveries as soon as they are
 * due, and sleeps `idleMs` when there are none. The 5-second `webhooks.deliver` tick alone would
 * leave a new event waiting up to 5 s; receivers expect about a second. Several worker processes
 * may each run one: deliveries are claimed with SKIP LOCKED and a lease, so none is sent twice at
 * once. The tick stays as the safety net (and prunes the log).
 */
export function startWebhookDispatcher(options: { idleMs?: number } = {}): WebhookDispatcher {
  const idleMs = options.idleMs ?? DISPATCH_IDLE_MS;
  let stopping = false;
  let wake: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = async () => {
    while (!stopping) {
      try {
        const { attempted } = await deliverDueWebhooks(undefined, () => !stopping);
        if (attempted === 0 && !stopping) await sleep(idleMs);
      } catch (error) {
        getLogger().error({ err: (error as Error).message }, "webhook dispatcher could not claim deliveries; trying again shortly");
        if (!stopping) await sleep(ERROR_BACKOFF_MS);
      }
    }
  };
  const running = loop();
  return {
    close: async () => {
      stopping = true;
      wake?.();
      await running;
    },
  };
}
