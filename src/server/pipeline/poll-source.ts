import type { TenantContext } from "../auth/tenant-context";
import { Prisma } from "../db/generated/client";
import { withPgConnection } from "../db/raw-sql";
import { getEnv } from "../env";
import {
  markSourceFailed,
  markSourceNeedsReconnect,
  markSourceRunning,
  markSourceSucceeded,
  sourceSyncStore,
  type ClaimedSource,
} from "../modules/listening/source-sync";
import { ingestMentionPage, type IngestResult } from "../modules/mentions/ingest-mention-page";
import { networkEntry } from "../social/provider-registry";
import type { MentionPage } from "../social/social-provider";
import { listeningCredential } from "./listening-credential";
import { BAD_REQUEST_RETRY_MS, syncReaction, type SyncReaction } from "./sync/sync-policy";
import { applySyncReaction } from "./sync/sync-state";

/** Where a multi-page run stands; carried from one page's job to the next. */
export interface PollCursor {
  pageToken: string | null;
  /** The cursor the run started from (since_id for every page of the run). */
  sinceId: string | null;
  /** The newest id of the run's first page: the source's cursor once the run completes. */
  newestId: string | null;
  /** ISO time of the claim; end-of-run transitions apply only to this run. */
  startedAt: string;
  /** Which page of the run the job carrying this cursor fetches (the first page is 0). */
  page?: number;
}

export type PollOutcome =
  | { status: "skipped"; reason: string }
  | { status: "page"; ingest: IngestResult; next: PollCursor | null; nextNotBefore: Date | null }
  | { status: "throttled"; until: Date }
  | { status: "needs_reconnect"; reason: string }
  | { status: "failed"; reason: string; retryable: boolean };

/**
 * Polls one page for one listening source. Page 1 claims the source; each page is ingested in
 * one transaction; when older pages remain the caller enqueues the next page (`next`), and the
 * last page stores the new cursor. Rate limits are obeyed from the response: the next call waits
 * for the reset rather than spending a request to learn about it.
 */
export async function pollSourcePage(ctx: TenantContext, sourceId: string, cursor: PollCursor | null, now = new Date()): Promise<PollOutcome> {
  const claim = cursor ? await loadRunningSource(ctx.tenantId, sourceId, new Date(cursor.startedAt)) : await markSourceRunning(ctx, sourceId, { now });
  if (!claim) return { status: "skipped", reason: "source gone, disabled, blocked or claimed by a newer run" };

  const startedAt = claim.startedAt;
  const provider = networkEntry(claim.network).search;
  const query = provider?.searchTerm(claim) ?? null;
  if (!provider || !query) {
    await markSourceFailed(ctx, sourceId, {
      error: `${claim.kind} sources are not searchable`,
      retryAt: new Date(now.getTime() + BAD_REQUEST_RETRY_MS),
      startedAt,
    });
    return { status: "failed", reason: "not searchable", retryable: false };
  }
  const credential = await listeningCredential(ctx, claim.network, claim.connectionId);
  if (!credential) {
    const why = claim.connectionId
      ? `its ${claim.network} channel connection is not active`
      : `no active ${claim.network} channel connection or connected brand account`;
    await markSourceNeedsReconnect(ctx, sourceId, why);
    return { status: "needs_reconnect", reason: why };
  }

  const sinceId = cursor ? cursor.sinceId : claim.cursor;
  let page: MentionPage;
  let fetchedAt: Date;
  try {
    const auth = await credential.auth();
    page = await provider.searchMentions(auth, { query, sinceId, pageToken: cursor?.pageToken ?? null, maxResults: provider.limits.maxResultsPerPage });
    fetchedAt = new Date();
  } catch (error) {
    // The one error → sync-state policy (sync/sync-policy.ts), shared with check-in polling.
    const classified = credential.classify(error);
    const reaction = syncReaction(classified, now);
    if (reaction.state === "NEEDS_RECONNECT") await credential.refused(classified.message);
    await applySyncReaction(sourceSyncStore, { tenantId: ctx.tenantId, id: sourceId, startedAt }, reaction, classified.message);
    return outcomeOf(reaction, classified.message);
  }

  const ingest = await ingestMentionPage(ctx, { network: claim.network, sourceId, matchedKeywords: [claim.value], mentions: page.mentions, fetchedAt }, now);
  const newestId = cursor ? cursor.newestId : (page.newestId ?? sinceId);
  const exhausted = page.rateLimit !== null && page.rateLimit.remaining <= 0;
  const notBefore = exhausted ? page.rateLimit!.resetAt : null;
  if (page.nextPageToken) {
    return {
      status: "page",
      ingest,
      next: { pageToken: page.nextPageToken, sinceId, newestId, startedAt: startedAt.toISOString(), page: (cursor?.page ?? (cursor ? 1 : 0)) + 1 },
      nextNotBefore: notBefore,
    };
  }
  const interval = getEnv().LISTENING_POLL_INTERVAL_SECONDS * 1000;
  const nextRunAt = new Date(Math.max(now.getTime() + interval, notBefore?.getTime() ?? 0));
  await markSourceSucceeded(ctx, sourceId, { cursor: newestId ?? undefined, nextRunAt, startedAt });
  return { status: "page", ingest, next: null, nextNotBefore: null };
}

function outcomeOf(reaction: SyncReaction, reason: string): PollOutcome {
  switch (reaction.state) {
    case "THROTTLED":
      return { status: "throttled", until: reaction.until };
    case "NEEDS_RECONNECT":
      return { status: "needs_reconnect", reason };
    case "CURSOR_RESET":
    case "ERROR":
      return { status: "failed", reason, retryable: reaction.retryable };
  }
}

/** A later page of a run: the source must still be in the run that started at `startedAt`. */
async function loadRunningSource(tenantId: string, sourceId: string, startedAt: Date): Promise<ClaimedSource | null> {
  // Read once per page: plain SQL on the shared pool (a Prisma query cost ~1 ms of CPU here).
  const [row] = await withPgConnection((run) =>
    run<Omit<ClaimedSource, "startedAt">>(Prisma.sql`
      SELECT id, "tenantId", network::text AS network, kind::text AS kind, value, "connectionId", cursor
      FROM "ListeningSource"
      WHERE "tenantId" = ${tenantId} AND id = ${sourceId} AND enabled AND "syncStatus" = 'RUNNING' AND "lastRunAt" = ${startedAt}`),
  );
  return row ? { ...row, startedAt } : null;
}
