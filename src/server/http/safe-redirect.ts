/**
 * The one check for every place the app sends a browser after signing in or acting
 * (`callbackUrl`, next-auth's redirect callback, invitation and sign-up flows, server actions).
 *
 * Browsers "repair" URLs before navigating: they drop tabs and newlines, read `\` as `/`, and
 * treat `//host` as another origin. So `/\t/evil.example/` looks like a path here and becomes
 * `//evil.example/` in the browser. A destination is therefore refused when its raw text (or any
 * percent-decoding of it) holds a control character or a backslash, and otherwise parsed with
 * the WHATWG URL parser against our own origin; only a result on that origin whose path does not
 * start with `//` survives, and what leaves is path + query + hash, never an absolute URL.
 *
 * Pure (no env, no Next): the sign-in form runs it in the browser with `window.location.origin`.
 */
export function safeRedirectPath(value: unknown, origin: string, fallback = "/"): string {
  if (typeof value !== "string" || value === "" || value.length > MAX_LENGTH) return fallback;
  if (!decodingsAreClean(value)) return fallback;
  // A path must be one: "//x" and "/\x" name another host; absolute URLs must name ours.
  const isPath = value.startsWith("/");
  if (isPath && value.startsWith("//")) return fallback;
  if (!isPath && !/^https?:\/\//i.test(value)) return fallback;
  let url: URL;
  let own: URL;
  try {
    own = new URL(origin);
    url = new URL(value, own.origin);
  } catch {
    return fallback;
  }
  if (url.origin !== own.origin) return fallback;
  // Dot segments can collapse into "//host" ("/.//evil.example" → pathname "//evil.example").
  if (url.pathname.startsWith("//")) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return decodingsAreClean(path) ? path : fallback;
}

const MAX_LENGTH = 2048;
/** C0 controls (tab, CR, LF, NUL…), DEL, C1 controls, and the Unicode line/paragraph separators. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Percent-encoded C0 controls, DEL and backslash (C1 controls arrive as UTF-8 and decode to CONTROL). */
const ENCODED_CONTROL = /%(?:[01][0-9a-f]|7f|5c)/i;

/** The value, and each successive percent-decoding of it, holds no control character and no backslash. */
function decodingsAreClean(value: string): boolean {
  let current = value;
  for (let round = 0; round < 4; round++) {
    if (CONTROL.test(current) || current.includes("\\") || ENCODED_CONTROL.test(current)) return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      // A stray "%" (a search for "50%"): the text holds no escape we could turn into a control.
      return true;
    }
    if (decoded === current) return true;
    // Decoded slashes must not form a protocol-relative start either ("/%2F/evil.example").
    if (decoded.startsWith("//")) return false;
    current = decoded;
  }
  return false; // encoded four times over: not a path we produced
}
