import type { ActionState } from "@/server/http/action-state";

/** Action state that also hands back what was submitted, so a refused form keeps the user's input. */
export type FormState = ActionState & { values?: Record<string, string> };

export type FormAction = (state: FormState, form: FormData) => Promise<FormState>;

/** The submitted value of a field if the form came back, else the stored one. */
export function remembered(state: FormState, name: string, fallback: string): string {
  return state.values ? (state.values[name] ?? "") : fallback;
}

/**
 * A key for the <form>: it changes when the submitted values do, so the form remounts with them
 * as defaults. Needed for <select>: React applies a select's defaultValue only when it mounts,
 * and React 19 resets a form after its action, which would otherwise snap selects back.
 */
export function formKey(state: FormState): string {
  return state.values ? JSON.stringify(state.values) : "initial";
}
