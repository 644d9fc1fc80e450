import { notFound } from "next/navigation";
import { isAppError } from "../errors";
import { requirePlatformOperator, type OperatorContext } from "../modules/operators/operators.service";
import { getSessionUser } from "./session";

/**
 * The guard of every operator page: the flag, a session and an operator row, checked on each
 * request. Everyone refused (signed out included) gets the plain 404 page, as for any path that
 * does not exist: the page does not announce itself with a sign-in redirect.
 */
export async function requireOperatorPage(): Promise<OperatorContext> {
  try {
    return await requirePlatformOperator(await getSessionUser());
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
