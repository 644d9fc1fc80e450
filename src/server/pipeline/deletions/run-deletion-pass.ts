import type { TenantContext } from "../../auth/tenant-context";
import type { Network } from "../../db/generated/enums";
import { getEnv } from "../../env";
import { checkDeletedMentions, type CheckDeletedOptions, type DeletionCheckOutcome } from "./check-deleted-mentions";
import { claimDeletionPass, countDueMentions, finishDeletionPass, getDeletionPassState, recordPassStep, type PassOutcome } from "./deletion-pass-state";
import { lookupBudget } from "./deletion-tiers";

/** Lookups one job makes before handing the rest of the pass to its next job (keeps jobs short). */
export const LOOKUPS_PER_STEP = 10;

export type PassStepResult =
  /** No pass started: one is running already. */
  | { status: "skipped" }
  /** This job was of a pass that has ended or was taken over. */
  | { status: "stale" }
  /** More is due and budget is left: run the next step (`step` keeps job ids apart). */
  | { status: "more"; passId: string; step: number }
  | { status: "finished"; passId: string; outcome: PassOutcome; carriedOver: number; last: DeletionCheckOutcome };

export interface PassOptions extends Pick<CheckDeletedOptions, "batchSize"> {
  now?: Date;
  lookupsPerStep?: number;
}

/**
 * One job of a deletion pass for one tenant and network. `passId` null starts a pass (unless
 * one is running) with a budget of DELETION_CHECK_LOOKUP_SHARE of the lookup allowance the
 * network last reported; a pass that has never seen the allowance learns it from its first
 * lookup. Each step checks the oldest-due mentions, at most LOOKUPS_PER_STEP lookups and never
 * past the budget; the pass ends when nothing is due, the budget is spent (the rest stays due
 * for the next pass: carried over, oldest due first), the network says the allowance is gone,
 * or the credentials fail.
 */
export async function runDeletionPassStep(ctx: TenantContext, network: Network, passId: string | null, options: PassOptions = {}): Promise<PassStepResult> {
  const now = options.now ?? new Date();
  const share = getEnv().DELETION_CHECK_LOOKUP_SHARE;
  let pass: { passId: string; budget: number | null; used: number };
  if (passId === null) {
    const claimed = await claimDeletionPass(ctx, network, now, (allowance) => lookupBudget(allowance, share, now));
    if (!claimed) return { status: "skipped" };
    pass = { ...claimed, used: 0 };
  } else {
    const state = await getDeletionPassState(ctx, network);
    if (!state || state.passId !== passId) return { status: "stale" };
    pass = { passId, budget: state.passBudget, used: state.passLookups };
  }

  const perStep = options.lookupsPerStep ?? LOOKUPS_PER_STEP;
  const left = pass.budget === null ? 1 : Math.min(perStep, pass.budget - pass.used);
  if (left <= 0) return finish(ctx, network, pass.passId, "budget_spent", emptyOutcome(), now);

  const outcome = await checkDeletedMentions(ctx, { network, maxLookups: left, batchSize: options.batchSize, now });
  // Unknown budget: the first lookup's headers tell what is left; this pass takes its share.
  const budget = pass.budget ?? (outcome.rateLimit ? outcome.lookups + Math.floor(outcome.rateLimit.remaining * share) : null);
  const step = {
    lookups: outcome.lookups,
    checked: outcome.checked,
    deleted: outcome.deleted,
    reversed: outcome.entriesReversed,
    pointsTakenBack: outcome.pointsTakenBack,
    rateLimit: outcome.rateLimit,
  };
  if (!(await recordPassStep(ctx, network, pass.passId, step, budget, now))) return { status: "stale" };

  switch (outcome.status) {
    case "done":
      return finish(ctx, network, pass.passId, "done", outcome, now);
    case "more": {
      const used = pass.used + outcome.lookups;
      if (budget !== null && used >= budget) return finish(ctx, network, pass.passId, "budget_spent", outcome, now);
      return { status: "more", passId: pass.passId, step: used };
    }
    case "throttled":
    case "needs_reconnect":
    case "no_connection":
    case "failed":
      return finish(ctx, network, pass.passId, outcome.status, outcome, now, outcome.reason);
  }
}

async function finish(
  ctx: TenantContext,
  network: Network,
  passId: string,
  outcome: PassOutcome,
  last: DeletionCheckOutcome,
  now: Date,
  error?: string,
): Promise<PassStepResult> {
  const carriedOver = outcome === "done" ? 0 : await countDueMentions(ctx, network, now);
  await finishDeletionPass(ctx, network, passId, { outcome, carriedOver, error }, now);
  return { status: "finished", passId, outcome, carriedOver, last };
}

function emptyOutcome(): DeletionCheckOutcome {
  return { status: "done", lookups: 0, checked: 0, deleted: 0, entriesReversed: 0, pointsTakenBack: 0, notTakenBack: 0, rateLimit: null };
}
