import type { ActionState } from "@/server/http/action-state";

/** The server's answer to an inbox form, announced under its controls: done, or why not (field by field). */
export function ActionMessage({ state }: { state: ActionState }) {
  if (state.status === "ok" && state.message) {
    return (
      <p role="status" className="text-xs break-words text-emerald-800">
        {state.message}
      </p>
    );
  }
  if (state.status === "error") {
    return (
      <p role="alert" className="text-xs break-words text-red-700">
        {state.message}
        {Object.entries(state.fieldErrors)
          .filter(([field]) => field !== "_form")
          .map(([field, message]) => ` ${field}: ${message}.`)
          .join("")}
      </p>
    );
  }
  return null;
}
