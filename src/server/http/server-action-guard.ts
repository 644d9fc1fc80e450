import { getEnv } from "../env";
import { AppError } from "../errors";
import { problemResponse } from "./problem";

/**
 * Server-action requests that Next itself would answer with a 500, refused with a 4xx
 * problem+json before Next decodes them (called from src/proxy.ts):
 *
 * - a foreign Origin (neither APP_URL/NEXTAUTH_URL nor the Host the request was sent to): Next
 *   aborts the action but answers 500 ("Invalid Server Actions request"); here it is 403;
 * - a body Next cannot decode (not JSON / not multipart, or no argument list): Next's decoder
 *   throws and the action answers 500; here it is 400;
 * - a content type no action is sent with, or a body over the action limit (3 MB, next.config.js's
 *   serverActions.bodySizeLimit: an image upload of up to 2 MB with its form): 400.
 *
 * A request without an Origin is not a browser's, so it carries no ambient cookie risk; it is
 * left to Next (which lets it through with a warning), as are unknown action ids (Next answers
 * 400/409 itself). What the decoded arguments are is checked by each action (action-payload.ts).
 */
export const MAX_ACTION_BODY_BYTES = 3 * 1024 * 1024;

/** The origins our own pages are served from (the same list withTenant accepts writes from). */
export function appOrigins(): string[] {
  const env = getEnv();
  return [new URL(env.APP_URL).origin, new URL(env.NEXTAUTH_URL).origin];
}

/** null: let Next handle the request; a Response: answer with it instead. */
export async function refuseBadServerAction(request: Request, allowedOrigins: readonly string[] = appOrigins()): Promise<Response | null> {
  if (request.method !== "POST") return null;
  const url = new URL(request.url);
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  const isFetchAction = request.headers.has("next-action");
  // Without JS a form posts multipart to the page itself (an "MPA" action); route handlers live under /api.
  const isFormAction = !isFetchAction && type.startsWith("multipart/form-data") && !url.pathname.startsWith("/api/");
  if (!isFetchAction && !isFormAction) return null;
  try {
    const origin = request.headers.get("origin");
    if (origin !== null && !allowedOrigins.includes(origin) && !sameHost(origin, request.headers.get("host"))) {
      throw new AppError("FORBIDDEN", "cross-origin server action refused");
    }
    if (Number(request.headers.get("content-length") ?? "0") > MAX_ACTION_BODY_BYTES) throw tooLarge();
    if (type.startsWith("multipart/form-data")) await assertMultipartBody(request, isFetchAction);
    else if (isFetchAction && type.startsWith("text/plain")) await assertTextBody(request);
    else throw new AppError("BAD_REQUEST", "a server action is sent as multipart/form-data or text/plain");
    return null;
  } catch (error) {
    await drainBody(request);
    return problemResponse(error, url.pathname);
  }
}

/**
 * Answering before the body is read lets Node close the socket under a client still sending it,
 * and the client sees a connection reset instead of our 403/400. A body within the action limit
 * is read to its end first; a larger one is not worth reading, and its sender gets what it gets.
 */
async function drainBody(request: Request): Promise<void> {
  if (request.bodyUsed || Number(request.headers.get("content-length") ?? "0") > MAX_ACTION_BODY_BYTES) return;
  await request.arrayBuffer().catch(() => undefined);
}

/**
 * Next's own rule, kept so a page opened under another name of this server (127.0.0.1 for
 * localhost) still works: the Origin names the host the request was sent to. The Host header is
 * the browser's, not a page's to choose; X-Forwarded-Host is not looked at.
 */
function sameHost(origin: string, host: string | null): boolean {
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

async function assertTextBody(request: Request): Promise<void> {
  const text = await request.clone().text();
  if (text.length > MAX_ACTION_BODY_BYTES) throw tooLarge();
  assertArgumentList(text);
}

async function assertMultipartBody(request: Request, isFetchAction: boolean): Promise<void> {
  let form: FormData;
  try {
    form = await request.clone().formData();
  } catch {
    throw malformed();
  }
  // A fetch action's arguments are the JSON array in field "0"; a form action names itself in $ACTION_ fields.
  if (isFetchAction) {
    const root = form.get("0");
    if (typeof root !== "string") throw malformed();
    assertArgumentList(root);
  }
}

function assertArgumentList(text: string): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw malformed();
  }
  if (!Array.isArray(value)) throw malformed();
  assertPlainArguments(value);
}

/**
 * Our actions take plain values (a previous form state) and FormData, nothing else. In React's
 * reply encoding a string starting with "$" is a typed value or a reference to another part of
 * the body (a Map, a stream, a promise…); a reference to a part that is not there, or of a kind
 * no action of ours takes, makes Next's decoder throw, which Next answers with a 500. So only
 * these are let through: "$$…" (an escaped "$"), the number and undefined markers, dates,
 * bigints and "$K<id>" (a FormData).
 */
const PLAIN_MARKERS = new Set(["$undefined", "$NaN", "$Infinity", "$-Infinity", "$-0"]);
const PLAIN_TAGGED = /^\$(?:\$|D|n-?\d+$|K[0-9a-f]+$)/;

function assertPlainArguments(root: unknown[]): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === "string") {
      if (value.startsWith("$") && !PLAIN_MARKERS.has(value) && !PLAIN_TAGGED.test(value)) {
        throw new AppError("BAD_REQUEST", "the server action payload holds a value no action takes");
      }
    } else if (value !== null && typeof value === "object") {
      stack.push(...(Array.isArray(value) ? (value as unknown[]) : Object.values(value as Record<string, unknown>)));
    }
  }
}

const malformed = () => new AppError("BAD_REQUEST", "the server action payload is malformed");
const tooLarge = () => new AppError("BAD_REQUEST", "the server action payload is too large");
