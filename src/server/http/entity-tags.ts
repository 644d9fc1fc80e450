import type { NextRequest } from "next/server";
import { entityTag } from "../etag";

/** The If-Match header of a write (RFC 9110 §13.1.1), or undefined when none was sent (the write is unconditional). */
export function ifMatchOf(request: NextRequest): string | undefined {
  return request.headers.get("if-match") ?? undefined;
}

/** One versioned row as JSON, with its strong ETag (../etag.ts): what a later If-Match names. */
export function versionedJson(row: { id: string; updatedAt: string }, init?: ResponseInit): Response {
  const response = Response.json(row, init);
  response.headers.set("etag", entityTag(row));
  return response;
}
