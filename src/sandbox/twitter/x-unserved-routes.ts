/**
 * X paths whose static segment sits where an emulated route has a parameter (`/2/users/search`
 * vs `/2/users/:id`). Without these, such a request reaches the id route and answers 400 for a
 * malformed id; X serves them as their own endpoints, so the sandbox answers its not-emulated 404.
 * Taken from the `paths` of X's OpenAPI document 2.166; the conformance test walks the document
 * and fails when a path is caught by the wrong route.
 */
import type { Router } from "../http/router";
import { HttpError } from "../http/http-kit";
import { PAGE_NOT_FOUND_BODY } from "./x-problems";

export const UNSERVED_X_PATHS = ["/2/users/search", "/2/users/public_keys", "/2/users/reposts_of_me", "/2/users/personalized_trends", "/2/tweets/analytics"];

export function registerUnservedXRoutes(router: Router): void {
  for (const path of UNSERVED_X_PATHS) {
    router.on("*", path, () => {
      throw new HttpError(404, PAGE_NOT_FOUND_BODY);
    });
  }
}
