"use client";

import { useActionState } from "react";
import { Checkbox } from "@/components/checkbox";
import { FormError } from "@/components/form-error";
import { SubmitButton } from "@/components/submit-button";
import type { NotificationPreferences } from "@/server/modules/notifications/notification.schemas";
import type { FormAction } from "../forms/remembered";

const KINDS: { name: keyof NotificationPreferences; label: string; description: string }[] = [
  { name: "digest", label: "Daily summary", description: "One email on days you earn points, listing them with your balance." },
  { name: "affordable", label: "Rewards within reach", description: "When your points reach the cost of a reward." },
  { name: "cap", label: "Daily limit reached", description: "When a daily points limit stops your points for the day." },
];

/** The customer's email choices; codes from redemptions always come (they are the reward). */
export function NotificationPrefsForm({ slug, prefs, action }: { slug: string; prefs: NotificationPreferences; action: FormAction }) {
  const [state, save] = useActionState(action, { status: "idle" });
  return (
    <form action={save} className="space-y-4">
      <input type="hidden" name="brand" value={slug} />
      {state.status === "error" && <FormError errors={[state.message]} />}
      {KINDS.map((kind) => (
        <Checkbox key={kind.name} name={kind.name} value="on" label={kind.label} description={kind.description} defaultChecked={prefs[kind.name]} />
      ))}
      <p className="text-sm text-fg-muted">Emails with your reward codes always come.</p>
      <div className="flex items-center gap-3">
        <SubmitButton pendingLabel="Saving…">Save email choices</SubmitButton>
        {state.status === "ok" && (
          <p role="status" className="text-sm text-fg-muted">
            Saved.
          </p>
        )}
      </div>
    </form>
  );
}
