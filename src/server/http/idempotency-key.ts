import type { NextRequest } from "next/server";
import { AppError } from "../errors";

/**
 * The key that makes a retried write pay once: the body's `idempotencyKey`, else the
 * `Idempotency-Key` header; one of them is required.
 */
export function idempotencyKeyOf(request: NextRequest, fromBody: string | undefined): string {
  const key = fromBody ?? request.headers.get("idempotency-key")?.trim();
  if (key && key.length <= 200) return key;
  throw new AppError("VALIDATION_FAILED", key ? "the idempotency key is too long" : "an idempotency key is required", {
    issues: [
      {
        path: "idempotencyKey",
        message: key ? "at most 200 characters" : "send an Idempotency-Key header or an idempotencyKey field, so a retried call pays once",
      },
    ],
  });
}
