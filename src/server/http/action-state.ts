/** What a server action hands back to its form: field errors shown inline, a message on top. */
export type ActionState =
  | { status: "idle" }
  | { status: "ok"; message?: string }
  | { status: "error"; message: string; fieldErrors: Record<string, string> };

export const IDLE: ActionState = { status: "idle" };
