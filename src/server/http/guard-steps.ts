import type { z } from "zod";
import { AppError } from "../errors";
import { assertSafeInput } from "../safe-input";
import type { TenantContext } from "../auth/tenant-context";
import type { SessionUser } from "./session";

/**
 * The small steps every entry point goes through, in order: authenticate → check origin →
 * resolve membership → authorize (assertCan) → parse input. Each is a pure function of its
 * inputs so it can be tested without a server.
 */
export function requireUser(user: SessionUser | null): SessionUser {
  if (!user) throw new AppError("UNAUTHENTICATED", "sign in to continue");
  return user;
}

/** A tenant the user does not belong to answers exactly like one that does not exist. */
export function requireMembership(ctx: TenantContext | null): TenantContext {
  if (!ctx) throw AppError.notFound("tenant");
  return ctx;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for cookie-authenticated route handlers: a state-changing request must come from
 * our own origin. Browsers always send Origin on cross-site POST/PATCH/DELETE; a request with
 * neither Origin nor Sec-Fetch-Site is a non-browser client, which carries no ambient cookie risk
 * only if it has no cookie — so it is refused as well.
 */
export function assertSameOrigin(method: string, headers: Headers, allowedOrigins: string[]): void {
  if (SAFE_METHODS.has(method.toUpperCase())) return;
  const origin = headers.get("origin");
  if (origin) {
    if (!allowedOrigins.includes(origin)) throw new AppError("FORBIDDEN", "cross-origin request refused");
    return;
  }
  const site = headers.get("sec-fetch-site");
  if (site === "same-origin") return;
  throw new AppError("FORBIDDEN", "missing Origin header on a state-changing request");
}

/** The input normaliser (safe-input.ts) first, then zod: a NUL or lone surrogate is a 422, never a 500. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  assertSafeInput(value);
  const result = schema.safeParse(value);
  if (!result.success) throw result.error;
  return result.data;
}

export const MAX_JSON_BODY_CHARS = 1_000_000;

const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", `the body is larger than ${MAX_JSON_BODY_CHARS.toLocaleString("en")} characters`);

export async function readJsonBody(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "send the body as application/json");
  }
  // A declared size over the limit is refused before a byte of it is read.
  if (Number(request.headers.get("content-length") ?? "0") > MAX_JSON_BODY_CHARS * 4) throw tooLarge();
  const text = await request.text();
  if (text.length > MAX_JSON_BODY_CHARS) throw tooLarge();
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "the body is not valid JSON");
  }
}

/**
 * Every value of the query string and the path parameters through the input normaliser, whether
 * or not the route parses them with a schema (some read `?label=` or `[id]` directly).
 */
export function assertSafeRequestInput(params: URLSearchParams, routeParams: Record<string, unknown> = {}): void {
  for (const [key, value] of params.entries()) assertSafeInput({ [key]: value });
  assertSafeInput(routeParams);
}

/** Query strings as a plain object; a repeated key keeps its last value. */
export function searchParamsToObject(params: URLSearchParams): Record<string, string> {
  return Object.fromEntries(params.entries());
}
