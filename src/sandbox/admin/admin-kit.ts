/** Helpers for the /__admin control API: zod-validated JSON bodies and plain JSON errors. */
import type { z } from "zod";
import { BodyParseError, HttpError, type RequestContext } from "../http/http-kit";

export async function parseAdminBody<S extends z.ZodType>(ctx: RequestContext, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await ctx.body();
  } catch (err) {
    if (err instanceof BodyParseError) throw new HttpError(400, { error: "invalid_body", detail: err.message });
    throw err;
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new HttpError(400, {
      error: "invalid_body",
      issues: result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    });
  }
  return result.data;
}

export function adminNotFound(what: string): HttpError {
  return new HttpError(404, { error: "not_found", detail: `${what} not found` });
}
