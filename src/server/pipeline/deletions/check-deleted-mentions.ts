import type { TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import type { Network } from "../../db/generated/enums";
import { withPgConnection } from "../../db/raw-sql";
import { markMentionsDeletedUpstream } from "../../modules/mentions/reversals/mark-deleted-upstream";
import type { MentionEntryReversal } from "../../modules/mentions/reversals/reverse-mention-awards";
import { getProvider } from "../../social/provider-registry";
import { assertNever, type AppAuth, type RateLimitState } from "../../social/social-provider";
import { listeningCredential, type ListeningCredential } from "../listening-credential";
import { DELETION_PERIOD_DAYS, nextDeletionCheckAt, periodMs } from "./deletion-tiers";
import { throttleUntil } from "../sync/sync-policy";

export interface CheckDeletedOptions {
  network: Network;
  /** At most this many lookups (of up to `batchSize` posts each) in this call. */
  maxLookups?: number;
  /** Posts per lookup; the provider's maximum unless a test asks for smaller batches. */
  batchSize?: number;
  /** The brand's period in days (read from the tenant when absent). */
  periodDays?: number;
  now?: Date;
}

export type DeletionCheckStatus =
  /** Nothing more is due. */
  | "done"
  /** `maxLookups` reached with mentions still due. */
  | "more"
  /** The network says the allowance is spent (or answered 429): wait for `throttledUntil`. */
  | "throttled"
  /** The credentials were refused: nothing changed in this batch; an admin must reconnect. */
  | "needs_reconnect"
  | "no_connection"
  | "failed";

export interface DeletionCheckOutcome {
  status: DeletionCheckStatus;
  /** Lookups (requests) this call made. */
  lookups: number;
  /** Mentions looked up in this call. */
  checked: number;
  /** Mentions this call moved to DELETED. */
  deleted: number;
  /** Reversal entries this call wrote. */
  entriesReversed: number;
  pointsTakenBack: number;
  /** Earning entries of deleted mentions with nothing left to take back (balance 0). */
  notTakenBack: number;
  /** The lookup allowance the network reported last (null: no lookup answered with headers). */
  rateLimit: RateLimitState | null;
  throttledUntil?: Date;
  /** For "failed": whether retrying later may help. */
  retryable?: boolean;
  reason?: string;
}

/**
 * Looks up the tenant's mentions that are due for a deletion check (`deletionCheckAt` ≤ now),
 * oldest due first, and reverses the ones whose posts are gone upstream.
 *
 * Each batch is one lookup with the tenant's active channel credentials, then ONE transaction
 * for the posts that are gone (markMentionsDeletedUpstream, exactly-once), then one statement
 * that moves every looked-up mention to its next check by age (deletion-tiers.ts), or settles it
 * (DELETED, or its period is over). Mentions not reached stay due, so the next call takes them
 * first: a stopped call carries its work over instead of skipping it.
 *
 * A rate limit (429, or headers saying nothing is left) stops the call with `throttledUntil`;
 * refused credentials return without changing anything; other provider failures return
 * "failed" (batches already done stay done: each committed on its own).
 */
export async function checkDeletedMentions(ctx: TenantContext, options: CheckDeletedOptions): Promise<DeletionCheckOutcome> {
  const now = options.now ?? new Date();
  const maxLookups = Math.max(1, Math.floor(options.maxLookups ?? 10));
  const outcome: DeletionCheckOutcome = {
    status: "done",
    lookups: 0,
    checked: 0,
    deleted: 0,
    entriesReversed: 0,
    pointsTakenBack: 0,
    notTakenBack: 0,
    rateLimit: null,
  };
  const stop = (status: DeletionCheckStatus, extra: Partial<DeletionCheckOutcome> = {}): DeletionCheckOutcome => ({ ...outcome, status, ...extra });

  const provider = getProvider(options.network);
  const batchSize = Math.min(provider.limits.postsPerLookup, Math.max(1, options.batchSize ?? provider.limits.postsPerLookup));
  const credential = await listeningCredential(ctx, options.network);
  if (!credential) return stop("no_connection", { reason: `no active ${options.network} channel connection or connected brand account` });

  let auth: AppAuth;
  try {
    auth = await credential.auth();
  } catch (error) {
    return stopOnError(credential, error, now, stop);
  }
  const period = periodMs(options.periodDays ?? (await brandPeriodDays(ctx)));

  while (outcome.lookups < maxLookups) {
    const batch = await getDb().mention.findMany({
      where: { tenantId: ctx.tenantId, network: options.network, deletionCheckAt: { lte: now }, status: { not: "DELETED" } },
      select: { id: true, externalId: true, createdAt: true },
      orderBy: [{ deletionCheckAt: "asc" }, { id: "asc" }],
      take: batchSize,
    });
    if (batch.length === 0) return stop("done");

    let existing: Set<string>;
    try {
      const lookup = await provider.lookupExistingPosts(
        auth,
        batch.map((m) => m.externalId),
      );
      existing = lookup.existing;
      outcome.rateLimit = lookup.rateLimit ?? outcome.rateLimit;
    } catch (error) {
      const stopped = stopOnError(credential, error, now, stop);
      // A 429 spent no lookup but says the allowance is gone until the reset.
      if (stopped.status !== "throttled" || !stopped.throttledUntil) return stopped;
      return { ...stopped, rateLimit: { limit: outcome.rateLimit?.limit ?? 0, remaining: 0, resetAt: stopped.throttledUntil } };
    }
    outcome.lookups += 1;
    const gone = batch.filter((m) => !existing.has(m.externalId)).map((m) => m.externalId);
    if (gone.length) add(outcome, await markMentionsDeletedUpstream(ctx, options.network, gone, now));
    await scheduleNextChecks(
      ctx,
      batch.map((m) => ({ id: m.id, next: existing.has(m.externalId) ? nextDeletionCheckAt(m.createdAt, now, period) : null })),
    );
    outcome.checked += batch.length;

    if (outcome.rateLimit && outcome.rateLimit.remaining <= 0) {
      return stop("throttled", { throttledUntil: outcome.rateLimit.resetAt, reason: "post-lookup allowance spent" });
    }
    if (batch.length < batchSize) return stop("done");
  }
  return stop("more");
}

/** The brand's period (Tenant.deletionCheckDays). */
export async function brandPeriodDays(ctx: TenantContext): Promise<number> {
  const tenant = await getDb().tenant.findFirst({ where: { id: ctx.tenantId }, select: { deletionCheckDays: true } });
  return tenant?.deletionCheckDays ?? DELETION_PERIOD_DAYS.default;
}

/**
 * Moves each checked mention to its next check (null = settled). One statement per batch; a
 * mention that became DELETED meanwhile is settled whatever it was given. `updatedAt` is left
 * alone: this is scheduling, not a change of the mention.
 */
async function scheduleNextChecks(ctx: TenantContext, next: { id: string; next: Date | null }[]): Promise<void> {
  if (next.length === 0) return;
  await withPgConnection((run) =>
    run(Prisma.sql`
      UPDATE "Mention" AS m
      SET "deletionCheckAt" = CASE WHEN m.status = 'DELETED' THEN NULL ELSE v.next END
      FROM unnest(${next.map((n) => n.id)}::text[], ${next.map((n) => n.next)}::timestamp[]) AS v(id, next)
      WHERE m."tenantId" = ${ctx.tenantId} AND m.id = v.id`),
  );
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
  credential: ListeningCredential,
  error: unknown,
  now: Date,
  stop: (status: DeletionCheckStatus, extra?: Partial<DeletionCheckOutcome>) => DeletionCheckOutcome,
): DeletionCheckOutcome {
  const classified = credential.classify(error);
  switch (classified.kind) {
    case "RATE_LIMITED":
      return stop("throttled", { throttledUntil: throttleUntil(classified.retryAt, now), reason: classified.message });
    case "RECONNECT":
    case "REFRESH_TOKEN":
      // The next call exchanges client credentials again; the connection's status is the
      // poller's business (it marks it "needs reconnect" on its own refusal).
      credential.forget();
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
