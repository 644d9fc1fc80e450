import { getDb } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import type { Network } from "../../db/generated/enums";
import { getActiveChannelCredentials } from "../../modules/channels/channel-credentials";
import { markMentionsDeletedUpstream } from "../../modules/mentions/reversals/mark-deleted-upstream";
import type { MentionEntryReversal } from "../../modules/mentions/reversals/reverse-mention-awards";
import { getProvider } from "../../social/provider-registry";
import { assertNever, type AppAuth, type SocialProvider } from "../../social/social-provider";
import { appAuthFor, forgetAppAuth } from "../app-auth";
import { throttleUntil } from "../sync/sync-policy";
import type { DeletionCursor } from "./deletion.schemas";

/** Mentions collected this recently are checked; older ones are settled. */
export const DELETION_CHECK_WINDOW_MS = 7 * 24 * 3600 * 1000;
/** Mentions checked per call (one job) unless the caller says otherwise. */
export const DEFAULT_DELETION_CHECK_LIMIT = 1_000;

export interface CheckDeletedOptions {
  network: Network;
  /** At most this many mentions are looked up in this call. */
  limit?: number;
  /** Resume after this mention (the previous call's `nextCursor`); null/absent = from the oldest. */
  cursor?: DeletionCursor | null;
  now?: Date;
}

export type DeletionCheckStatus =
  /** Every mention of the window after the cursor was checked. */
  | "done"
  /** `limit` reached: call again with `nextCursor`. */
  | "more"
  /** Out of budget: call again with `nextCursor` at `throttledUntil`. */
  | "throttled"
  /** The credentials were refused: nothing changed in this batch; an admin must reconnect. */
  | "needs_reconnect"
  | "no_connection"
  | "failed";

export interface DeletionCheckOutcome {
  status: DeletionCheckStatus;
  /** Mentions looked up in this call. */
  checked: number;
  /** Mentions this call moved to DELETED. */
  deleted: number;
  /** Reversal entries this call wrote. */
  entriesReversed: number;
  pointsTakenBack: number;
  /** Earning entries of deleted mentions with nothing left to take back (balance 0). */
  notTakenBack: number;
  nextCursor: DeletionCursor | null;
  throttledUntil?: Date;
  /** For "failed": whether retrying later may help. */
  retryable?: boolean;
  reason?: string;
}

/**
 * Finds the tenant's recent mentions whose posts were deleted upstream, and reverses them.
 *
 * Walks the mentions of `network` collected in the last 7 days and not yet DELETED, oldest
 * collected first, by keyset (createdAt, id) so a pass that needs several calls (`limit`,
 * rate limits) resumes where it stopped; a new pass starts again from the oldest. Each batch of
 * `provider.limits.postsPerLookup` ids is one lookup with the tenant's active channel
 * credentials, then ONE transaction for the posts that are gone (markMentionsDeletedUpstream).
 *
 * A rate limit stops the call and returns `throttledUntil` with the cursor of the batch that was
 * not checked; refused credentials return without changing anything; other provider failures
 * return "failed" (batches already done stay done: each committed on its own).
 */
export async function checkDeletedMentions(tenantId: string, options: CheckDeletedOptions): Promise<DeletionCheckOutcome> {
  const now = options.now ?? new Date();
  const limit = Math.max(1, Math.floor(options.limit ?? DEFAULT_DELETION_CHECK_LIMIT));
  let cursor = options.cursor ?? null;
  const outcome: DeletionCheckOutcome = { status: "done", checked: 0, deleted: 0, entriesReversed: 0, pointsTakenBack: 0, notTakenBack: 0, nextCursor: null };
  const stop = (status: DeletionCheckStatus, extra: Partial<DeletionCheckOutcome> = {}): DeletionCheckOutcome => ({
    ...outcome,
    status,
    nextCursor: status === "done" ? null : cursor,
    ...extra,
  });

  const provider = getProvider(options.network);
  const connection = await getActiveChannelCredentials(tenantId, options.network);
  if (!connection) return stop("no_connection", { reason: `no active ${options.network} channel connection` });

  let auth: AppAuth;
  try {
    auth = await appAuthFor(connection);
  } catch (error) {
    return stopOnError(provider, error, connection.id, now, stop);
  }

  const since = new Date(now.getTime() - DELETION_CHECK_WINDOW_MS);
  while (outcome.checked < limit) {
    const take = Math.min(provider.limits.postsPerLookup, limit - outcome.checked);
    const batch = await getDb().mention.findMany({
      where: { tenantId, network: options.network, status: { not: "DELETED" }, createdAt: { gte: since }, ...after(cursor) },
      select: { id: true, externalId: true, createdAt: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take,
    });
    if (batch.length === 0) return stop("done");

    let existing: Set<string>;
    try {
      existing = await provider.lookupExistingPosts(auth, batch.map((m) => m.externalId));
    } catch (error) {
      return stopOnError(provider, error, connection.id, now, stop);
    }
    const gone = batch.filter((m) => !existing.has(m.externalId)).map((m) => m.externalId);
    if (gone.length) add(outcome, await markMentionsDeletedUpstream(tenantId, options.network, gone, now));

    const last = batch[batch.length - 1]!;
    cursor = { createdAt: last.createdAt.toISOString(), id: last.id };
    outcome.checked += batch.length;
    if (batch.length < take) return stop("done");
  }
  return stop("more");
}

function after(cursor: DeletionCursor | null): Prisma.MentionWhereInput {
  if (!cursor) return {};
  const at = new Date(cursor.createdAt);
  return { OR: [{ createdAt: { gt: at } }, { createdAt: at, id: { gt: cursor.id } }] };
}

function add(outcome: DeletionCheckOutcome, batch: { deletedMentionIds: string[]; reversals: MentionEntryReversal[] }): void {
  outcome.deleted += batch.deletedMentionIds.length;
  for (const r of batch.reversals) {
    if (r.reversedNow) {
      outcome.entriesReversed += 1;
      outcome.pointsTakenBack += r.takenBack;
    } else if (r.reversalEntryId === null) {
      outcome.notTakenBack += 1;
    }
  }
}

function stopOnError(
  provider: SocialProvider,
  error: unknown,
  connectionId: string,
  now: Date,
  stop: (status: DeletionCheckStatus, extra?: Partial<DeletionCheckOutcome>) => DeletionCheckOutcome,
): DeletionCheckOutcome {
  const classified = provider.classifyError(error);
  switch (classified.kind) {
    case "RATE_LIMITED":
      return stop("throttled", { throttledUntil: throttleUntil(classified.retryAt, now), reason: classified.message });
    case "RECONNECT":
    case "REFRESH_TOKEN":
      // The next call exchanges client credentials again; the connection's status is the
      // poller's business (it marks it "needs reconnect" on its own refusal).
      forgetAppAuth(connectionId);
      return stop("needs_reconnect", { reason: classified.message });
    case "TRANSIENT":
      return stop("failed", { retryable: true, reason: classified.message });
    case "CURSOR_EXPIRED":
    case "BAD_REQUEST":
      return stop("failed", { retryable: false, reason: classified.message });
    default:
      return assertNever(classified.kind);
  }
}
