/** A text field of a form; a file (or a missing field) is not text, so it reads as "". */
export function formString(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
