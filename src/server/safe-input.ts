import type { z } from "zod";
import { AppError, type FieldIssue } from "./errors";

/**
 * The one input normaliser of every boundary (route handlers, server actions, page query strings,
 * webhooks), run before zod sees the input. Postgres refuses NUL in text, so a NUL that reached a
 * query used to surface as a 500; lone surrogates cannot be encoded as UTF-8 at all, and the
 * other C0 controls have no business in names, emails or free text (they hide content and break
 * logs and CSV exports). Tab, line feed and carriage return stay allowed for multi-line text.
 */
const FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

/** Deeper than any of our schemas nests; walking further only costs time. */
export const MAX_INPUT_DEPTH = 32;

/** Why a string is refused, or null when it is fine. */
export function unsafeTextReason(value: string): string | null {
  if (FORBIDDEN_CONTROLS.test(value)) {
    return value.includes("\u0000") ? "must not contain NUL characters" : "must not contain control characters";
  }
  if (!value.isWellFormed()) return "must be valid Unicode text (no lone surrogates)";
  return null;
}

/**
 * Every refused string anywhere in a parsed JSON value, FormData entries or query object, with
 * its field path (`emails.1`, `displayName`); object keys are checked as well. Iterative, so a
 * deeply nested body cannot exhaust the stack.
 */
export function findUnsafeInput(input: unknown, prefix: string[] = []): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const stack: { value: unknown; path: string[] }[] = [{ value: input, path: prefix }];
  while (stack.length > 0 && issues.length < 20) {
    const { value, path } = stack.pop()!;
    if (typeof value === "string") {
      const reason = unsafeTextReason(value);
      if (reason) issues.push({ path: path.join("."), message: reason });
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    if (path.length - prefix.length >= MAX_INPUT_DEPTH) {
      issues.push({ path: path.join("."), message: `nested more than ${MAX_INPUT_DEPTH} levels deep` });
      continue;
    }
    const entries: [string, unknown][] = isFormData(value)
      ? [...value.entries()].map(([key, entry]) => [key, typeof entry === "string" ? entry : entry.name])
      : Array.isArray(value)
        ? value.map((item, index) => [String(index), item])
        : Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, item] = entries[i]!;
      const keyReason = unsafeTextReason(key);
      if (keyReason) {
        issues.push({ path: [...path, printable(key)].join("."), message: `field name ${keyReason}` });
        continue;
      }
      stack.push({ value: item, path: [...path, key] });
    }
  }
  return issues;
}

/** Throws 422 VALIDATION_FAILED with a field path for each refused string. */
export function assertSafeInput(input: unknown, prefix: string[] = []): void {
  const issues = findUnsafeInput(input, prefix);
  if (issues.length > 0) throw new AppError("VALIDATION_FAILED", "the request has invalid fields", { issues });
}

function isFormData(value: object): value is FormData {
  return typeof FormData !== "undefined" && value instanceof FormData;
}

/** A refused key shown in a path must not carry the characters it was refused for. */
function printable(key: string): string {
  return key.toWellFormed().replace(new RegExp(FORBIDDEN_CONTROLS.source, "g"), "?");
}

/**
 * zod's safeParse behind the normaliser, for callers that fall back instead of throwing (a page
 * whose query string filters a list ignores a bad filter and says so).
 */
export function safeParseInput<S extends z.ZodType>(schema: S, input: unknown): { success: true; data: z.infer<S> } | { success: false; issues: FieldIssue[] } {
  const unsafe = findUnsafeInput(input);
  if (unsafe.length > 0) return { success: false, issues: unsafe };
  const result = schema.safeParse(input);
  if (result.success) return { success: true, data: result.data };
  return { success: false, issues: result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) };
}
