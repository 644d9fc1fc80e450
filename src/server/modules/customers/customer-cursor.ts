import { z } from "zod";
import { Prisma } from "../../db/generated/client";
import { CUSTOMER_SORTS, ZCustomerId, ZCustomerListQuery, type CustomerSort } from "./customer.schemas";

/**
 * Where a customers page ended: the last row's sort key (as text; null when the row has none) and
 * its id, with the order it was read in, so the next page starts right after it (keyset, like the
 * inbox's cursor) even while rows are added or removed before it.
 */
export interface CustomerCursor {
  sort: CustomerSort;
  dir: "asc" | "desc";
  key: string | null;
  id: string;
}

export function encodeCustomerCursor(cursor: CustomerCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.dir, cursor.key, cursor.id]), "utf8").toString("base64url");
}

const ZCursorTuple = z.tuple([z.enum(CUSTOMER_SORTS), z.enum(["asc", "desc"]), z.string().max(1_000).nullable(), ZCustomerId]);

/** A cursor's contents, or null for anything that is not a cursor this list answered. */
export function decodeCustomerCursor(raw: string): CustomerCursor | null {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = ZCursorTuple.safeParse(decoded);
  if (!parsed.success) return null;
  const [sort, dir, key, id] = parsed.data;
  return { sort, dir, key, id };
}

/** The opaque `cursor` of GET …/customers: a `next_cursor` it answered, nothing else (a string in and out; decoded where it is used). */
export const ZCustomerCursor = z
  .string()
  .max(2_000)
  .refine((raw) => decodeCustomerCursor(raw) !== null, "not a customers cursor: send a next_cursor as it was answered");

/** The customers list's query with a cursor: the list's filters and order, then either `page` or `cursor`. */
export const ZCustomerPageQuery = ZCustomerListQuery.extend({
  /** Continue after the page that answered this `next_cursor` (same sort and dir); instead of `page`. */
  cursor: ZCustomerCursor.optional(),
}).refine((q) => !q.cursor || q.page === 1, { message: "send either page or cursor", path: ["page"] });
export type CustomerPageQuery = z.input<typeof ZCustomerPageQuery>;

/**
 * The rows after the cursor in `ORDER BY expr dir NULLS LAST, c.id dir`: a bigger (asc) or smaller
 * (desc) key, the same key and a later id, or no key at all (they come last); after a row without a
 * key, only keyless rows with a later id. `type` is the key's SQL type, to read its text back.
 */
export function afterCursorSql(cursor: CustomerCursor, expr: Prisma.Sql, type: Prisma.Sql): Prisma.Sql {
  const beyond = Prisma.raw(cursor.dir === "asc" ? ">" : "<");
  if (cursor.key === null) return Prisma.sql`AND (${expr}) IS NULL AND c.id ${beyond} ${cursor.id}`;
  const key = Prisma.sql`CAST(${cursor.key} AS ${type})`;
  return Prisma.sql`AND ((${expr}) ${beyond} ${key} OR ((${expr}) = ${key} AND c.id ${beyond} ${cursor.id}) OR (${expr}) IS NULL)`;
}
