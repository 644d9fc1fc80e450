import { Prisma } from "./generated/client";

/** True for a unique-constraint violation (optionally on a given set of columns). */
export function isUniqueViolation(error: unknown, columns?: string[]): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return false;
  if (!columns) return true;
  const target = JSON.stringify(error.meta ?? {});
  return columns.every((c) => target.includes(c));
}
