import { AppError } from "../errors";
import { readPublicMedia } from "../storage/store-image";
import { problemResponse } from "./problem";
import { MEDIA_CSP } from "./security-headers";

/** A year, immutable: a key is never reused for other bytes (store-image.ts), so a cached image never goes stale. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * GET /media/<key>: the stored bytes with the content type they were stored with (always one of
 * the sniffed image types), never sniffed, shown inline under a fixed, harmless file name. An
 * unknown or malformed key is a 404 problem, never cached.
 */
export async function mediaResponse(segments: string[] | undefined, pathname: string): Promise<Response> {
  try {
    const key = (segments ?? []).join("/");
    const media = await readPublicMedia(key);
    if (!media) throw AppError.notFound("image");
    const fileName = key.slice(key.lastIndexOf("/") + 1);
    return new Response(media.bytes as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: {
        "content-type": media.contentType,
        "content-length": String(media.bytes.byteLength),
        "cache-control": IMMUTABLE,
        "x-content-type-options": "nosniff",
        // The name comes from the key grammar ([A-Za-z0-9_-] and one .ext), so it needs no quoting rules.
        "content-disposition": `inline; filename="${fileName}"`,
        "content-security-policy": MEDIA_CSP,
      },
    });
  } catch (error) {
    const response = problemResponse(error, pathname);
    response.headers.set("cache-control", "no-store");
    return response;
  }
}
