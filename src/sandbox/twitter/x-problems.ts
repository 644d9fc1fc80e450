/**
 * Error bodies exactly as X sends them (social-apis.md §1.4, §1.5, §1.8). Problem types use the
 * api.x.com prefix X answers with now (clients should match on the suffix; the 2.166 OpenAPI
 * document's discriminator still lists api.twitter.com). Problem documents go out as
 * `application/problem+json` (see isProblemDocument).
 */
import { HttpError } from "../http/http-kit";

export const PROBLEM_PREFIX = "https://api.x.com/2/problems/";
export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export const UNAUTHORIZED_BODY = { title: "Unauthorized", type: "about:blank", status: 401, detail: "Unauthorized" };
export const TOO_MANY_REQUESTS_BODY = { title: "Too Many Requests", detail: "Too Many Requests", type: "about:blank", status: 429 };
export const FORBIDDEN_BODY = {
  detail: "You are not permitted to perform this action.",
  type: "about:blank",
  title: "Forbidden",
  status: 403,
};
export const DUPLICATE_BODY = {
  detail: "You are not allowed to create a Tweet with duplicate content.",
  type: "about:blank",
  title: "Forbidden",
  status: 403,
};

export function unauthorized(): HttpError {
  return new HttpError(401, UNAUTHORIZED_BODY);
}

export function forbidden(body: object = FORBIDDEN_BODY): HttpError {
  return new HttpError(403, body);
}

/** App-only bearer on a user-context endpoint, or (`used: "user"`) a user token on an app-only one. */
export function unsupportedAuthentication(used: "app" | "user" = "app"): HttpError {
  return new HttpError(403, {
    title: "Unsupported Authentication",
    detail:
      used === "app"
        ? "Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context]."
        : "Authenticating with OAuth 2.0 User Context is forbidden for this endpoint.  Supported authentication types are [OAuth 2.0 Application-Only].",
    type: `${PROBLEM_PREFIX}unsupported-authentication`,
    status: 403,
  });
}

export interface InvalidParam {
  parameter: string;
  values: string[];
  message: string;
}

export function invalidRequest(errors: InvalidParam[]): HttpError {
  return new HttpError(400, {
    errors: errors.map((e) => ({ parameters: { [e.parameter]: e.values }, message: e.message })),
    title: "Invalid Request",
    detail: "One or more parameters to your request was invalid.",
    type: `${PROBLEM_PREFIX}invalid-request`,
  });
}

export function invalidParam(parameter: string, value: string | undefined, message: string): HttpError {
  return invalidRequest([{ parameter, values: value === undefined ? [] : [value], message }]);
}

export function notFoundError(resourceType: "user" | "tweet", parameter: string, value: string, label = "ids"): Record<string, string> {
  return {
    value,
    detail: `Could not find ${resourceType} with ${label}: [${value}].`,
    title: "Not Found Error",
    resource_type: resourceType,
    parameter,
    resource_id: value,
    type: `${PROBLEM_PREFIX}resource-not-found`,
  };
}

/** Single-resource lookups: 404 with errors[] plus top-level problem fields (2026 behaviour). */
export function notFound(resourceType: "user" | "tweet", parameter: string, value: string, label: string): HttpError {
  const err = notFoundError(resourceType, parameter, value, label);
  // The top level is a ResourceNotFoundProblem too, so it carries the resource fields.
  return new HttpError(404, { errors: [err], ...err, status: 404 });
}

/** A path X does not serve (or the sandbox does not emulate): X's generic 404, an `Error` object. */
export const PAGE_NOT_FOUND_BODY = { errors: [{ message: "Sorry, that page does not exist", code: 34 }] };

/** RFC 7807 documents (a `type` and a `title`) are sent as application/problem+json. */
export function isProblemDocument(body: unknown): boolean {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return false;
  const b = body as Record<string, unknown>;
  return typeof b.type === "string" && typeof b.title === "string";
}
