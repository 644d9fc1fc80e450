import { createHash } from "node:crypto";
import { AppError } from "./errors";

/**
 * A strong entity tag (RFC 9110 §8.8.3) of one row's version: its id and its last change
 * (`updatedAt`, which every edit of the row moves), hashed. Quoted, as the ETag header carries it.
 */
export function entityTag(row: { id: string; updatedAt: Date | string }): string {
  const at = typeof row.updatedAt === "string" ? new Date(row.updatedAt).toISOString() : row.updatedAt.toISOString();
  return `"${createHash("sha256").update(`${row.id}\n${at}`).digest("base64url").slice(0, 32)}"`;
}

/**
 * Whether an If-Match header value holds for the current tag (RFC 9110 §13.1.1): `*` (the row
 * exists), or a list of tags one of which equals it by strong comparison — a weak tag (`W/"…"`)
 * never matches, and neither does a value that is not a list of quoted tags.
 */
export function ifMatchHolds(header: string, current: string): boolean {
  const value = header.trim();
  if (value === "*") return true;
  const tags: string[] = [];
  const rest = value.replace(/\s*(W\/)?("[\x21\x23-\x7e\x80-\xff]*")\s*(?:,|$)/g, (_all, weak: string | undefined, tag: string) => {
    if (!weak) tags.push(tag);
    return "";
  });
  return rest.trim() === "" && tags.includes(current);
}

/** Refuses the write (412, nothing changed) when an If-Match was sent and does not hold; none sent: allowed. */
export function assertIfMatch(ifMatch: string | undefined, current: string, what: string): void {
  if (ifMatch === undefined || ifMatchHolds(ifMatch, current)) return;
  throw new AppError("PRECONDITION_FAILED", `the ${what} changed since the version your If-Match names: read it again (its ETag) and retry`);
}
