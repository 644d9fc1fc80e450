import { notFound } from "next/navigation";
import { assertSafeInput } from "../safe-input";

/**
 * The first step of every server action that takes a form: the payload must be the FormData
 * the form sends, and every field passes the input normaliser (safe-input.ts).
 *
 * Next decodes the action's arguments from whatever body it was sent, so a crafted request can
 * hand an action a number or a plain object instead of FormData. That is refused as 404 (an
 * action cannot choose its status; notFound() is the 4xx it can raise) instead of failing
 * later as a 500. A refused field is a VALIDATION_FAILED AppError: form state names the field.
 */
export function assertActionForm(form: unknown): asserts form is FormData {
  if (!(form instanceof FormData)) notFound();
  assertSafeInput(form);
}
