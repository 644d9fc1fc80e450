"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { FormError } from "@/components/form-error";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "../forms/remembered";

export interface RewardView {
  id: string;
  name: string;
  description: string | null;
  /** The reward's picture (/media/…); null: none. */
  pictureUrl: string | null;
  cost: number;
  /** Why it cannot be redeemed now, in words; null when it can. */
  blocker: string | null;
  /** 0..1 of the cost the customer has, for "what am I close to". */
  progress: number;
}

const n = (value: number) => value.toLocaleString("en-US");

/**
 * One reward: cost, what stands in the way, and a redeem button with a confirm step. The
 * idempotency key is made when the confirm step opens, so every submit of that step (a double tap,
 * a retry after a lost answer) is the same attempt and pays once.
 */
export function RewardCard({ slug, reward, action }: { slug: string; reward: RewardView; action: FormAction }) {
  const [attempt, setAttempt] = useState<string | null>(null);
  const [state, redeem] = useActionState(action, { status: "idle" });
  return (
    <li className="space-y-2 rounded-card border border-line bg-surface p-4" data-testid="portal-reward" data-reward-id={reward.id}>
      {reward.pictureUrl && (
        // Our own /media image, type-checked and size-limited at upload; the reward's name is its alt text.
        // eslint-disable-next-line @next/next/no-img-element
        <img
          src={reward.pictureUrl}
          alt={reward.name}
          className="aspect-[4/3] w-full rounded-control bg-surface-muted object-cover"
          data-testid="portal-reward-picture"
        />
      )}
      <div className="flex items-start justify-between gap-3">
        <h3 className="min-w-0 font-semibold text-fg">{reward.name}</h3>
        <span className="shrink-0 text-sm font-semibold text-fg tabular-nums">{n(reward.cost)} pts</span>
      </div>
      {reward.description && <p className="text-sm text-fg-muted">{reward.description}</p>}
      {/* A native progress bar: no inline style, which the CSP would refuse. */}
      <progress
        className="h-1.5 w-full accent-brand-500"
        value={Math.round(reward.progress * 100)}
        max={100}
        aria-label={`${Math.round(reward.progress * 100)}% of the points`}
      />
      {state.status === "ok" ? (
        <Alert tone="success" role="status">
          {state.message}
        </Alert>
      ) : reward.blocker ? (
        <p className="text-sm text-fg-muted" data-testid="portal-reward-blocker">
          {reward.blocker}
        </p>
      ) : attempt === null ? (
        <Button variant="primary" size="sm" onClick={() => setAttempt(crypto.randomUUID())}>
          Redeem
        </Button>
      ) : (
        <form action={redeem} className="space-y-2">
          <input type="hidden" name="brand" value={slug} />
          <input type="hidden" name="rewardId" value={reward.id} />
          <input type="hidden" name="idempotencyKey" value={attempt} />
          {state.status === "error" && <FormError errors={[state.message]} />}
          <p className="text-sm text-fg">
            Spend {n(reward.cost)} points on {reward.name}?
          </p>
          <div className="flex gap-2">
            <SubmitButton size="sm" pendingLabel="Redeeming…">
              Confirm
            </SubmitButton>
            <Button variant="ghost" size="sm" onClick={() => setAttempt(null)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </li>
  );
}
