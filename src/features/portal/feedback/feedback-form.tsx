"use client";

import { useActionState } from "react";
import { cn } from "@/components/cn";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Select } from "@/components/select";
import { SubmitButton } from "@/components/submit-button";
import { Textarea } from "@/components/textarea";
import { remembered, type FormAction } from "../../forms/remembered";

export interface FeedbackFormProps {
  slug: string;
  brandName: string;
  locations: { id: string; name: string }[];
  /** The location of the printed link, preselected. */
  locationId: string | null;
  commentMax: number;
  action: FormAction;
}

const SCORES = Array.from({ length: 11 }, (_, score) => score);

/**
 * The 0–10 question as a real radio group (arrow keys move, one tab stop), laid out 6 + 5 on a
 * phone and in one row from `sm`, each choice a 44 px target. The brand's name and locations are
 * its own text (React escapes them).
 */
export function FeedbackForm({ slug, brandName, locations, locationId, commentMax, action }: FeedbackFormProps) {
  const [state, send] = useActionState(action, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : {};
  const chosen = remembered(state, "score", "");
  return (
    <form action={send} className="space-y-5" noValidate>
      <input type="hidden" name="brand" value={slug} />
      {state.status === "error" && <FormError errors={[state.message]} />}
      <fieldset aria-describedby={errors.score ? "score-error" : "score-hint"} className="space-y-2">
        <legend className="text-base font-semibold text-fg">How likely are you to recommend {brandName} to a friend?</legend>
        <p id="score-hint" className="text-[13px] text-fg-subtle">
          0 = not at all likely, 10 = extremely likely
        </p>
        <div className="grid grid-cols-6 gap-1.5 sm:grid-cols-11">
          {SCORES.map((score) => (
            <label key={score} className="relative">
              <input type="radio" name="score" value={score} required defaultChecked={chosen === String(score)} className="peer sr-only" />
              <span
                className={cn(
                  "flex h-11 cursor-pointer items-center justify-center rounded-control border border-line bg-surface text-base font-medium text-fg",
                  "peer-checked:border-[var(--brand-color)] peer-checked:bg-[var(--brand-color)] peer-checked:text-[var(--brand-text)]",
                  "peer-focus-visible:ring-2 peer-focus-visible:ring-brand-500 peer-focus-visible:ring-offset-2",
                )}
              >
                {score}
              </span>
            </label>
          ))}
        </div>
        {errors.score && (
          <p id="score-error" className="text-[13px] text-red-700">
            {errors.score}
          </p>
        )}
      </fieldset>
      <Field label="Anything you would like to tell us?" hint={`Optional, up to ${commentMax.toLocaleString("en")} characters.`} error={errors.comment}>
        <Textarea name="comment" maxLength={commentMax} rows={4} defaultValue={remembered(state, "comment", "")} />
      </Field>
      {locations.length > 0 && (
        <Field label="Which location was it?" hint="Optional." error={errors.locationId}>
          <Select
            name="locationId"
            placeholder="Not about one location"
            defaultValue={remembered(state, "locationId", locationId ?? "")}
            options={locations.map((l) => ({ value: l.id, label: l.name }))}
          />
        </Field>
      )}
      <SubmitButton fullWidth pendingLabel="Sending…">
        Send my answer
      </SubmitButton>
    </form>
  );
}
