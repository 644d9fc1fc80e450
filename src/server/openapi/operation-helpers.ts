import { z } from "zod";
import type { Permission } from "../auth/permissions";

/** The tenant prefix of every brand operation's path. */
export const T = "/tenants/{tenant}";
export const ZDeleted = z.object({ deleted: z.literal(true) });
export const ZListOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** One operation of the public API (see API_OPERATIONS in api-operations.ts). */
export interface ApiOperation {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** OpenAPI path, `{param}` style, under the server's /api/v1. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /** Null: no sign-in needed (health, this document). */
  permission: Permission | null;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The body is a CSV file (`text/csv`, UTF-8), not JSON. */
  csvBody?: { maxMegabytes: number };
  response: { status: number; schema: z.ZodType } | { status: number; csv: true };
  /** A second success status answering the same schema (a replayed idempotent write, a replacing upsert). */
  alsoAnswers?: { status: number; description: string };
  /** The answer carries the row's strong ETag; a write takes an optional If-Match (412 when it is not the current one). */
  etag?: true;
}
