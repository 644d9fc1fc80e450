import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { AppError, isAppError, type ErrorCode, type FieldIssue } from "../errors";
import { getLogger } from "../logger";

const TITLES: Record<ErrorCode, string> = {
  BAD_REQUEST: "Bad request",
  VALIDATION_FAILED: "Validation failed",
  UNAUTHENTICATED: "Not signed in",
  FORBIDDEN: "Forbidden",
  NOT_FOUND: "Not found",
  CONFLICT: "Conflict",
  PRECONDITION_FAILED: "Precondition failed",
  PAYLOAD_TOO_LARGE: "Payload too large",
  UNSUPPORTED_MEDIA_TYPE: "Unsupported media type",
  RATE_LIMITED: "Too many requests",
  INTERNAL: "Internal error",
};

/** Any thrown value as an AppError; a ZodError becomes VALIDATION_FAILED with field issues. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (error instanceof ZodError) {
    return new AppError("VALIDATION_FAILED", "the request has invalid fields", {
      issues: error.issues.map((i) => ({
        path: i.path.join(".") || (i.code === "unrecognized_keys" ? i.keys.join(",") : ""),
        message: i.code === "unrecognized_keys" ? `unknown field(s): ${i.keys.join(", ")}` : i.message,
      })),
    });
  }
  getLogger().error({ err: error }, "unhandled error");
  return new AppError("INTERNAL", "internal error", { cause: error });
}

/**
 * The one place where errors become HTTP: RFC 9457 application/problem+json. A 500 never
 * echoes an internal message.
 */
export function problemResponse(error: unknown, instance?: string): NextResponse {
  const appError = toAppError(error);
  const headers: Record<string, string> = {};
  if (appError.retryAfterSeconds) headers["retry-after"] = String(appError.retryAfterSeconds);
  return problem(
    {
      code: appError.code.toLowerCase().replace(/_/g, "-"),
      title: TITLES[appError.code],
      status: appError.status,
      detail: appError.code === "INTERNAL" ? "Something went wrong on our side." : appError.message,
      instance,
      errors: appError.issues,
    },
    headers,
  );
}

/**
 * 405 in the same problem+json shape, with the Allow header RFC 9110 requires. Not an AppError:
 * it is decided by the route file (which methods it exports), never by domain code.
 */
export function methodNotAllowedResponse(method: string, allow: readonly string[], instance?: string): NextResponse {
  const allowed = allow.join(", ");
  return problem(
    { code: "method-not-allowed", title: "Method not allowed", status: 405, detail: `${method} is not supported here; use ${allowed}`, instance },
    { allow: allowed },
  );
}

function problem(
  p: { code: string; title: string; status: number; detail: string; instance?: string; errors?: FieldIssue[] },
  extraHeaders: Record<string, string> = {},
): NextResponse {
  const body = {
    type: `https://megaphone.dev/problems/${p.code}`,
    title: p.title,
    status: p.status,
    detail: p.detail,
    ...(p.instance ? { instance: p.instance } : {}),
    ...(p.errors?.length ? { errors: p.errors } : {}),
  };
  return new NextResponse(JSON.stringify(body), { status: p.status, headers: { "content-type": "application/problem+json", ...extraHeaders } });
}
