import type { ActionState } from "@/server/http/action-state";

/** A server action a form drives with useActionState. */
export type FormAction = (state: ActionState, form: FormData) => Promise<ActionState>;

/** A checkbox: as submitted if the form came back refused (absent = unchecked), else the stored value. */
export function rememberedChecked(state: ActionState, name: string, fallback: boolean): boolean {
  if (state.status !== "error" || !state.values) return fallback;
  return state.values[name] === "on";
}

/** The value the user submitted if the form came back refused, else the stored one. */
export function remembered(state: ActionState, name: string, fallback: string): string {
  if (state.status !== "error" || !state.values) return fallback;
  const value = state.values[name];
  return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
}

/** Like `remembered`, for a field submitted several times (e.g. emails). */
export function rememberedList(state: ActionState, name: string, fallback: string[]): string[] {
  if (state.status !== "error" || !state.values) return fallback;
  const value = state.values[name];
  return value === undefined ? [""] : Array.isArray(value) ? value : [value];
}

/**
 * A key for the <form>: it changes with the submitted values, so the form remounts with them as
 * defaults (a <select>'s defaultValue only applies on mount).
 */
export function formKey(state: ActionState): string {
  return state.status === "error" && state.values ? JSON.stringify(state.values) : "initial";
}
