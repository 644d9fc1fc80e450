import type { ActionState } from "@/server/http/action-state";

/** What a small form's action answered, announced where the form is. */
export function ActionResult({ state }: { state: ActionState }) {
  if (state.status === "ok" && state.message) {
    return (
      <p role="status" className="text-sm text-emerald-800 break-words">
        {state.message}
      </p>
    );
  }
  if (state.status === "error") {
    const fields = Object.values(state.fieldErrors).filter((m) => m !== state.message);
    return (
      <p role="alert" className="text-sm text-red-700 break-words">
        {[state.message, ...fields].join(" ")}
      </p>
    );
  }
  return null;
}
