import { randomBytes } from "node:crypto";
import type { TenantScope } from "../auth/tenant-context";
import { AppError } from "../errors";
import { getLogger } from "../logger";
import { IMAGE_TYPES, sniffImageType, isImageContentType, type ImageContentType } from "./image-type";
import type { StoredObject } from "./object-storage";
import { getStorage } from "./storage";
import { isStorageKey } from "./storage-key";

/** What an uploaded image is for; part of its key, so a tenant's logos and reward pictures can be told apart in the store. */
export type ImageKind = "logo" | "reward";

/** The largest image accepted (2 MiB): ample for a logo or a reward picture, small enough to serve from the app. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

const TYPE_WORDS: Record<ImageContentType, string> = { "image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WebP", "image/gif": "GIF" };
const ALL_TYPES = Object.keys(IMAGE_TYPES) as ImageContentType[];

function typesInWords(types: readonly ImageContentType[]): string {
  const words = types.map((t) => TYPE_WORDS[t]);
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} or ${words.at(-1)}` : (words[0] ?? "");
}

/**
 * Stores an uploaded image and answers its key: the one way images enter storage (brand logos
 * now, reward pictures later). Refused with VALIDATION_FAILED on `field`: an empty file, one over
 * MAX_IMAGE_BYTES, bytes that are not one of `types` (PNG, JPEG, WebP or GIF by default; SVG never: it can carry script).
 * The key is `<tenantId>/<kind>/<128 random bits>.<ext>`: unguessable, never reused, so a stored
 * image never changes under its key and may be cached for good.
 */
export async function storeImage(
  scope: TenantScope,
  kind: ImageKind,
  file: Blob,
  field = "file",
  types: readonly ImageContentType[] = ALL_TYPES,
): Promise<string> {
  const refuse = (message: string) => new AppError("VALIDATION_FAILED", message, { issues: [{ path: field, message }] });
  if (file.size === 0) throw refuse("choose an image file");
  if (file.size > MAX_IMAGE_BYTES) throw refuse(`the image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffImageType(bytes);
  if (!type || !types.includes(type.contentType)) throw refuse(`use a ${typesInWords(types)} image (SVG and other files are not accepted)`);
  const key = `${scope.tenantId}/${kind}/${randomBytes(16).toString("hex")}.${type.extension}`;
  await getStorage().put(key, bytes, type.contentType);
  return key;
}

/**
 * Removes one of the tenant's images. A key of another tenant is refused: keys carry their
 * tenant, so a caller cannot be talked into deleting someone else's picture.
 */
export async function deleteImage(scope: TenantScope, key: string): Promise<void> {
  if (!isStorageKey(key) || !key.startsWith(`${scope.tenantId}/`)) throw AppError.notFound("image");
  await getStorage().delete(key);
}

/**
 * Deletes a replaced or abandoned image after the change that let go of it has committed. A
 * failure is logged and swallowed: the change stands, and an orphan file costs only space.
 */
export async function deleteImageQuietly(scope: TenantScope, key: string | null | undefined): Promise<void> {
  if (!key) return;
  try {
    await deleteImage(scope, key);
  } catch (error) {
    getLogger().warn({ err: error, tenantId: scope.tenantId, key }, "could not delete a replaced image");
  }
}

/** The URL an image is served at (src/app/media/[...key]/route.ts). */
export function mediaUrl(key: string): string {
  return `/media/${key}`;
}

export interface PublicMedia extends StoredObject {
  contentType: ImageContentType;
}

/**
 * The image stored under a key, for the public media route: images are shown to anonymous
 * visitors (a brand's portal), and their keys are unguessable. Anything that is not a well-formed
 * key, not stored, or not one of the image types storeImage writes is null (404).
 */
export async function readPublicMedia(key: unknown): Promise<PublicMedia | null> {
  if (!isStorageKey(key)) return null;
  const stored = await getStorage().get(key);
  if (!stored || !isImageContentType(stored.contentType)) return null;
  return { bytes: stored.bytes, contentType: stored.contentType };
}
