import pg from "pg";
import { Prisma } from "./generated/client";

/**
 * True for a unique-constraint violation (optionally on a given set of columns), whether Prisma
 * raised it or a raw pg connection did (raw-sql.ts).
 */
export function isUniqueViolation(error: unknown, columns?: string[]): boolean {
  let target: string;
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") target = JSON.stringify(error.meta ?? {});
  // Postgres names the columns in the detail: Key ("tenantId", "idempotencyKey")=(…) already exists.
  else if (error instanceof pg.DatabaseError && error.code === "23505") target = `${error.detail ?? ""} ${error.constraint ?? ""}`;
  else return false;
  return !columns || columns.every((c) => target.includes(c));
}
