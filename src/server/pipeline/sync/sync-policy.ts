import { assertNever, type ProviderErrorKind } from "../../social/social-provider";

/**
 * THE error → sync-state policy, one for everything the pipeline keeps in sync with a network: a
 * listening source (poll-source.ts) and a linked profile's check-ins (checkins/poll-checkins.ts).
 * A provider classifies a failure (ProviderErrorKind); this decides what the sync state becomes
 * and whether the job should be retried; sync-state.ts writes it.
 *
 *   kind            state            next run                               job retried
 *   RATE_LIMITED    THROTTLED        the network's reset, else +15 min       no (back off until reset)
 *   TRANSIENT       ERROR            +60 s                                   yes
 *   REFRESH_TOKEN   NEEDS_RECONNECT  none (until the credentials are saved   no
 *   RECONNECT                        again / the customer links again)
 *   CURSOR_EXPIRED  OK, cursor reset now                                    no
 *   BAD_REQUEST     ERROR            +15 min                                 no
 *
 * Pure: no I/O, no clock but `now`.
 */

/** How long to back off after a rate limit when the network did not say until when. */
export const DEFAULT_THROTTLE_MS = 15 * 60_000;
/** A failure that may pass (network trouble, 5xx). */
export const TRANSIENT_RETRY_MS = 60_000;
/** The request itself was refused: try again much later (a staff fix or a network change may help). */
export const BAD_REQUEST_RETRY_MS = 15 * 60_000;

export type SyncReaction =
  /** Back off until the limit resets; not a failure. */
  | { state: "THROTTLED"; until: Date; retryable: false }
  /** A failure: ERROR until `retryAt`; `retryable` says whether the job itself should be retried. */
  | { state: "ERROR"; retryAt: Date; retryable: boolean }
  /** Credentials refused: stop until a human reconnects. */
  | { state: "NEEDS_RECONNECT"; retryable: false }
  /** The cursor is too old for the network: forget it and run again at once. */
  | { state: "CURSOR_RESET"; nextRunAt: Date; retryable: false };

/** When a rate limit ends: the network's own reset when it gave one, else the one default. */
export function throttleUntil(retryAt: Date | undefined, now: Date): Date {
  return retryAt ?? new Date(now.getTime() + DEFAULT_THROTTLE_MS);
}

export function syncReaction(failure: { kind: ProviderErrorKind; retryAt?: Date }, now: Date): SyncReaction {
  switch (failure.kind) {
    case "RATE_LIMITED":
      return { state: "THROTTLED", until: throttleUntil(failure.retryAt, now), retryable: false };
    case "TRANSIENT":
      return { state: "ERROR", retryAt: new Date(now.getTime() + TRANSIENT_RETRY_MS), retryable: true };
    case "REFRESH_TOKEN":
    case "RECONNECT":
      return { state: "NEEDS_RECONNECT", retryable: false };
    case "CURSOR_EXPIRED":
      return { state: "CURSOR_RESET", nextRunAt: now, retryable: false };
    case "BAD_REQUEST":
      return { state: "ERROR", retryAt: new Date(now.getTime() + BAD_REQUEST_RETRY_MS), retryable: false };
    default:
      return assertNever(failure.kind);
  }
}
