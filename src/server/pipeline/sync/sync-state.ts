import type { SyncReaction } from "./sync-policy";

/**
 * THE sync state machine, shared by everything the pipeline keeps in sync with a network: a
 * listening source (modules/listening/source-sync.ts, ListeningSource.*) and a linked profile's
 * check-ins (pipeline/checkins/checkin-sync.ts, SocialProfile.checkin*). Each of those is a
 * `SyncStore`: it claims runs and maps a `SyncChange` onto its own columns; the transitions and
 * what a policy reaction does are defined here, once.
 *
 *   IDLE/OK/THROTTLED/ERROR ──claim──▶ RUNNING                 (lastRunAt = the run's startedAt)
 *   RUNNING ──succeeded──▶ OK                                   (cursor saved or kept, nextRunAt set)
 *   RUNNING ──throttled──▶ THROTTLED                            (throttle count + 1, nextRunAt = reset)
 *   RUNNING ──failed────▶ ERROR                                 (lastError, nextRunAt = retry time)
 *   RUNNING ──cursorReset──▶ OK                                 (cursor cleared, due at once)
 *   any ──needsReconnect──▶ NEEDS_RECONNECT                     (nextRunAt cleared: not claimed again
 *                                                                 until the credentials are renewed)
 *
 * The end-of-run transitions apply only while the run that claimed the row still holds it
 * (RUNNING with the same lastRunAt), so a run another worker took over cannot write stale state.
 */

export type SyncStatusName = "IDLE" | "RUNNING" | "OK" | "THROTTLED" | "ERROR" | "NEEDS_RECONNECT";

/** One change of sync state in the machine's words; a store maps it onto its columns. */
export interface SyncChange<Cursor> {
  status: Exclude<SyncStatusName, "IDLE" | "RUNNING">;
  nextRunAt: Date | null;
  lastError: string | null;
  /** Count one more throttling. */
  countThrottle?: true;
  /** The new cursor: undefined keeps the stored one, null clears it. */
  cursor?: Cursor | null;
}

/** The sync columns of one kind of row. */
export interface SyncStore<Cursor> {
  /** Applies `change` while the run that started at `startedAt` holds the row; whether it applied. */
  finishRun(tenantId: string, id: string, startedAt: Date | undefined, change: SyncChange<Cursor>): Promise<boolean>;
  /** Applies `change` whatever the run (credentials refused: it must stick). */
  block(tenantId: string, id: string, change: SyncChange<Cursor>): Promise<boolean>;
}

/** Errors are stored for staff to read: one line, bearer tokens masked, at most 500 characters. */
export function clipError(error: string): string {
  const text = error
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=%-]+/gi, "$1 [redacted]")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > 500 ? `${text.slice(0, 499)}…` : text || "unknown error";
}

export const syncTransitions = {
  /** A run finished; `cursor` undefined keeps the stored one, null clears it. */
  succeeded<Cursor>(nextRunAt: Date | null, cursor?: Cursor | null): SyncChange<Cursor> {
    return { status: "OK", nextRunAt, lastError: null, ...(cursor !== undefined ? { cursor } : {}) };
  },
  /** The network's rate limit was hit: wait until it resets. */
  throttled<Cursor>(resetAt: Date): SyncChange<Cursor> {
    return { status: "THROTTLED", countThrottle: true, nextRunAt: resetAt, lastError: `rate limited until ${resetAt.toISOString()}` };
  },
  /** A run failed: try again at `retryAt`. */
  failed<Cursor>(error: string, retryAt: Date): SyncChange<Cursor> {
    return { status: "ERROR", lastError: clipError(error), nextRunAt: retryAt };
  },
  /** The cursor is too old for the network: start again from its default window, at once. */
  cursorReset<Cursor>(nextRunAt: Date): SyncChange<Cursor> {
    return { status: "OK", nextRunAt, lastError: null, cursor: null };
  },
  /** The credentials were refused: wait, unpolled, until they are renewed. */
  needsReconnect<Cursor>(error: string): SyncChange<Cursor> {
    return { status: "NEEDS_RECONNECT", lastError: clipError(error), nextRunAt: null };
  },
};

/** The change a policy reaction makes; `message` is what staff read in lastError. */
export function changeFor<Cursor>(reaction: SyncReaction, message: string): SyncChange<Cursor> {
  switch (reaction.state) {
    case "THROTTLED":
      return syncTransitions.throttled(reaction.until);
    case "ERROR":
      return syncTransitions.failed(message, reaction.retryAt);
    case "NEEDS_RECONNECT":
      return syncTransitions.needsReconnect(message);
    case "CURSOR_RESET":
      return syncTransitions.cursorReset(reaction.nextRunAt);
  }
}

/**
 * Writes a policy reaction to one synced row of `store` (the run's own row: NEEDS_RECONNECT
 * applies whatever the run, everything else only to the run that started at `startedAt`).
 */
export function applySyncReaction<Cursor>(
  store: SyncStore<Cursor>,
  row: { tenantId: string; id: string; startedAt: Date },
  reaction: SyncReaction,
  message: string,
): Promise<boolean> {
  const change = changeFor<Cursor>(reaction, message);
  return reaction.state === "NEEDS_RECONNECT" ? store.block(row.tenantId, row.id, change) : store.finishRun(row.tenantId, row.id, row.startedAt, change);
}
