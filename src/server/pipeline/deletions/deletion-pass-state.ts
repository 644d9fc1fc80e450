import { randomUUID } from "node:crypto";
import type { TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import type { Network } from "../../db/generated/enums";
import { withPgConnection } from "../../db/raw-sql";
import type { RateLimitState } from "../../social/social-provider";

/** A pass whose last step is older than this is presumed abandoned (worker died): another may start. */
export const DELETION_PASS_STALE_MS = 15 * 60_000;

export type PassOutcome = "done" | "budget_spent" | "throttled" | "needs_reconnect" | "no_connection" | "failed";

export interface PassStep {
  lookups: number;
  checked: number;
  deleted: number;
  reversed: number;
  pointsTakenBack: number;
  rateLimit: RateLimitState | null;
}

const key = (ctx: TenantContext, network: Network) => ({ tenantId_network: { tenantId: ctx.tenantId, network } });
const staleBefore = (now: Date) => new Date(now.getTime() - DELETION_PASS_STALE_MS);

export async function getDeletionPassState(ctx: TenantContext, network: Network) {
  return getDb().deletionCheckState.findUnique({ where: key(ctx, network) });
}

/** The row every conditional update below needs (insert-if-missing: two concurrent callers may both try). */
async function ensureState(ctx: TenantContext, network: Network): Promise<void> {
  await withPgConnection((run) =>
    run(Prisma.sql`
      INSERT INTO "DeletionCheckState" ("tenantId", network, "updatedAt") VALUES (${ctx.tenantId}, ${network}::"Network", now())
      ON CONFLICT ("tenantId", network) DO NOTHING`),
  );
}

/** The allowance the network last reported for this tenant's lookups (null: never asked). */
export function rememberedAllowance(
  state: { lookupLimit: number | null; lookupRemaining: number | null; lookupResetAt: Date | null } | null,
): RateLimitState | null {
  if (!state || state.lookupRemaining === null || state.lookupResetAt === null) return null;
  return { limit: state.lookupLimit ?? 0, remaining: state.lookupRemaining, resetAt: state.lookupResetAt };
}

/**
 * "Run a pass now": marks the request unless a pass is already asked for or running. Returns
 * whether this call made the request (false: one is queued or running; nothing new to start).
 */
export async function markPassRequested(ctx: TenantContext, network: Network, now: Date): Promise<boolean> {
  await ensureState(ctx, network);
  const { count } = await getDb().deletionCheckState.updateMany({
    where: {
      tenantId: ctx.tenantId,
      network,
      AND: [
        { OR: [{ requestedAt: null }, { requestedAt: { lt: staleBefore(now) } }] },
        { OR: [{ passId: null }, { passHeartbeatAt: { lt: staleBefore(now) } }] },
      ],
    },
    data: { requestedAt: now, requestedById: ctx.actor.id },
  });
  return count === 1;
}

/**
 * Starts a pass unless one is running (one conditional update: two starters, one pass). Its
 * budget is `budgetFor` of the allowance remembered from the last lookup; null when unknown.
 */
export async function claimDeletionPass(
  ctx: TenantContext,
  network: Network,
  now: Date,
  budgetFor: (allowance: RateLimitState | null) => number | null,
): Promise<{ passId: string; budget: number | null } | null> {
  await ensureState(ctx, network);
  const state = await getDeletionPassState(ctx, network);
  const budget = budgetFor(rememberedAllowance(state));
  const passId = randomUUID();
  const { count } = await getDb().deletionCheckState.updateMany({
    where: { tenantId: ctx.tenantId, network, OR: [{ passId: null }, { passHeartbeatAt: { lt: staleBefore(now) } }] },
    data: {
      passId,
      passTrigger: state?.requestedAt ? "admin" : "schedule",
      passStartedAt: now,
      passHeartbeatAt: now,
      passBudget: budget,
      passLookups: 0,
      passChecked: 0,
      passDeleted: 0,
      passReversed: 0,
      passPointsTakenBack: 0,
      requestedAt: null,
      requestedById: null,
    },
  });
  return count === 1 ? { passId, budget } : null;
}

/** Adds one step's work to the pass and remembers the allowance; false when the pass is no longer ours. */
export async function recordPassStep(ctx: TenantContext, network: Network, passId: string, step: PassStep, budget: number | null, now: Date): Promise<boolean> {
  const { count } = await getDb().deletionCheckState.updateMany({
    where: { tenantId: ctx.tenantId, network, passId },
    data: {
      passHeartbeatAt: now,
      passBudget: budget,
      passLookups: { increment: step.lookups },
      passChecked: { increment: step.checked },
      passDeleted: { increment: step.deleted },
      passReversed: { increment: step.reversed },
      passPointsTakenBack: { increment: step.pointsTakenBack },
      ...(step.rateLimit
        ? {
            lookupRemaining: step.rateLimit.remaining,
            lookupResetAt: step.rateLimit.resetAt,
            // A 429 carries no limit of its own: keep the one the headers gave before.
            ...(step.rateLimit.limit > 0 ? { lookupLimit: step.rateLimit.limit } : {}),
          }
        : {}),
    },
  });
  return count === 1;
}

/** Ends the pass: its totals become "the last pass", and the slot is free for the next one. */
export async function finishDeletionPass(
  ctx: TenantContext,
  network: Network,
  passId: string,
  outcome: { outcome: PassOutcome; carriedOver: number; error?: string },
  now: Date,
): Promise<void> {
  const state = await getDeletionPassState(ctx, network);
  if (!state || state.passId !== passId) return;
  await getDb().deletionCheckState.updateMany({
    where: { tenantId: ctx.tenantId, network, passId },
    data: {
      passId: null,
      passHeartbeatAt: null,
      lastPassTrigger: state.passTrigger,
      lastPassStartedAt: state.passStartedAt,
      lastPassFinishedAt: now,
      lastPassOutcome: outcome.outcome,
      lastPassLookups: state.passLookups,
      lastPassChecked: state.passChecked,
      lastPassDeleted: state.passDeleted,
      lastPassReversed: state.passReversed,
      lastPassPointsTakenBack: state.passPointsTakenBack,
      lastPassCarriedOver: outcome.carriedOver,
      lastPassError: outcome.error?.slice(0, 500) ?? null,
    },
  });
}

/** Mentions due now (capped: the screen says "10,000+"). */
export const DUE_COUNT_CAP = 10_000;

export async function countDueMentions(ctx: TenantContext, network: Network, now: Date): Promise<number> {
  const [row] = await withPgConnection((run) =>
    run<{ n: number }>(Prisma.sql`
      SELECT count(*)::int AS n FROM (
        SELECT 1 FROM "Mention"
        WHERE "tenantId" = ${ctx.tenantId} AND network = ${network}::"Network" AND "deletionCheckAt" <= ${now} AND status <> 'DELETED'
        LIMIT ${DUE_COUNT_CAP + 1}
      ) AS due`),
  );
  return row?.n ?? 0;
}
