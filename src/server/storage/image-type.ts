/**
 * An upload's type, decided by its first bytes only (never its file name or the browser's
 * Content-Type, both of which the uploader chooses). Four raster formats are accepted; SVG is not,
 * because an SVG is a document that can carry script, and HTML or anything else renamed to .png
 * has none of these signatures.
 */
export const IMAGE_TYPES = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
} as const;

export type ImageContentType = keyof typeof IMAGE_TYPES;

export interface SniffedImage {
  contentType: ImageContentType;
  extension: (typeof IMAGE_TYPES)[ImageContentType];
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((b, i) => bytes[offset + i] === b);
}

/** The image type the bytes are, or null when they are none of PNG, JPEG, WebP or GIF. */
export function sniffImageType(bytes: Uint8Array): SniffedImage | null {
  const found = sniff(bytes);
  return found ? { contentType: found, extension: IMAGE_TYPES[found] } : null;
}

function sniff(bytes: Uint8Array): ImageContentType | null {
  // A PNG's signature is followed by its IHDR chunk; shorter than that is no image.
  if (startsWith(bytes, PNG) && startsWith(bytes, ascii("IHDR"), 12)) return "image/png";
  if (startsWith(bytes, JPEG) && bytes.length > 4) return "image/jpeg";
  if ((startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) && bytes.length >= 13) return "image/gif";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8) && startsWith(bytes, ascii("VP8"), 12)) return "image/webp";
  return null;
}

export function isImageContentType(value: string): value is ImageContentType {
  return Object.hasOwn(IMAGE_TYPES, value);
}
