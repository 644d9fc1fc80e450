/** What a server action hands back to its form: field errors shown inline, a message on top. */
export type ActionState =
  | { status: "idle" }
  | {
      status: "ok";
      message?: string;
      /** A value shown once and never again (a new API key's secret): the page keeps no copy. */
      reveal?: string;
    }
  | {
      status: "error";
      message: string;
      fieldErrors: Record<string, string>;
      /** What was submitted (never passwords), so a refused form can show it again. */
      values?: Record<string, string | string[]>;
    };

export const IDLE: ActionState = { status: "idle" };

/**
 * The submitted fields of a form, to hand back with an error: React 19 resets a form after its
 * action, so without them a refused form would lose what the user typed. Passwords and Next's
 * internal fields are left out.
 */
export function submittedValues(form: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string" || name.startsWith("$ACTION") || /password|secret|token/i.test(name)) continue;
    const previous = values[name];
    values[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return values;
}
