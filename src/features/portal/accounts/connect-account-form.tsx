"use client";

import { useActionState } from "react";
import { Checkbox } from "@/components/checkbox";
import { FormError } from "@/components/form-error";
import { SubmitButton } from "@/components/submit-button";
import { rememberedChecked, type FormAction } from "../../forms/remembered";

export interface ConnectAccountFormProps {
  slug: string;
  brandName: string;
  network: string;
  label: string;
  whatIsRead: string[];
  unlinkNote: string;
  /** False where the portal offers no posting (Foursquare): no box, and the page says so. */
  postingOffered: boolean;
  action: FormAction;
}

/**
 * The consent step on our own page, before the customer leaves for the network: exactly what is
 * read, and the separate, optional "may post" consent (unticked by default) where posting is offered.
 */
export function ConnectAccountForm({ slug, brandName, network, label, whatIsRead, unlinkNote, postingOffered, action }: ConnectAccountFormProps) {
  const [state, connect] = useActionState(action, { status: "idle" });
  return (
    <form action={connect} className="space-y-3" data-testid={`connect-${network.toLowerCase()}`}>
      <input type="hidden" name="brand" value={slug} />
      <input type="hidden" name="network" value={network} />
      {state.status === "error" && <FormError errors={[state.message]} />}
      <div className="space-y-2 rounded-card border border-line bg-surface-muted p-4 text-sm text-fg-muted">
        <p className="font-medium text-fg">
          If you connect {label}, {brandName} reads:
        </p>
        <ul className="list-disc space-y-1 pl-5">
          {whatIsRead.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <p>
          {postingOffered
            ? `${brandName} never posts on your behalf unless you tick the box below.`
            : `${brandName} never posts on ${label} for you: posting there is not offered.`}{" "}
          {unlinkNote}
        </p>
      </div>
      {postingOffered && (
        <Checkbox
          name="allowPosting"
          label={`${brandName} may post the points I earn on my ${label} account`}
          description="Optional, and separate: you can turn it off later for each account."
          defaultChecked={rememberedChecked(state, "allowPosting", false)}
        />
      )}
      <SubmitButton fullWidth pendingLabel={`Opening ${label}…`}>
        Continue to {label}
      </SubmitButton>
    </form>
  );
}
