/**
 * Parses and verifies a Foursquare User Push delivery. Foursquare signs nothing: it sends the
 * app's push secret in the body, so the only check is a constant-time comparison with ours.
 * Both encodings are accepted: form fields `checkin`/`user` (JSON strings) and `secret`, or one
 * JSON object (used by some receivers and the sandbox's JSON mode).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { ZFsqCheckin, ZFsqCompactUser, type FsqCheckin } from "./foursquare.schemas";
import type { z } from "zod";

export type PushParseResult =
  { ok: true; checkin: FsqCheckin; user: z.infer<typeof ZFsqCompactUser> | undefined } | { ok: false; reason: "bad_secret" | "malformed" };

/** Compares SHA-256 digests so lengths never leak through timing. */
export function secretsMatch(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

function parseMaybeJson(v: unknown): unknown {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return undefined;
  }
}

export function parseFoursquarePush(rawBody: string, contentType: string, expectedSecret: string): PushParseResult {
  let fields: Record<string, unknown>;
  if (contentType.includes("json")) {
    const parsed = parseMaybeJson(rawBody);
    if (!parsed || typeof parsed !== "object") return { ok: false, reason: "malformed" };
    fields = parsed as Record<string, unknown>;
  } else {
    fields = Object.fromEntries(new URLSearchParams(rawBody));
  }
  const secret = typeof fields.secret === "string" ? fields.secret : "";
  if (!secretsMatch(secret, expectedSecret)) return { ok: false, reason: "bad_secret" };
  const checkin = ZFsqCheckin.safeParse(parseMaybeJson(fields.checkin));
  if (!checkin.success) return { ok: false, reason: "malformed" };
  const user = fields.user === undefined ? undefined : ZFsqCompactUser.safeParse(parseMaybeJson(fields.user));
  return { ok: true, checkin: checkin.data, user: user?.success ? user.data : checkin.data.user };
}
