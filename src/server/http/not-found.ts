import { notFound } from "next/navigation";
import { isAppError } from "../errors";

/** In a page, a domain NOT_FOUND (including another tenant's id) renders the 404 page. */
export async function notFoundUnlessFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
