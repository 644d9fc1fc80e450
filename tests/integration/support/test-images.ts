import { crc32, deflateSync } from "node:zlib";

/**
 * Real image files made here (no binary fixtures in the repository): a PNG any browser decodes,
 * a 1×1 GIF, and the signatures of JPEG and WebP, for the upload and sniffing tests.
 */
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A width×height PNG of one colour (8-bit RGB). `padTo` appends a private chunk until the file has that many bytes. */
export function pngBytes(width: number, height: number, rgb: [number, number, number] = [29, 78, 216], padTo = 0): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", pixels)];
  const end = chunk("IEND", Buffer.alloc(0));
  const size = parts.reduce((n, p) => n + p.length, 0) + end.length;
  if (padTo > size) parts.push(chunk("prVt", Buffer.alloc(Math.max(0, padTo - size - 12))));
  return new Uint8Array(Buffer.concat([...parts, end]));
}

export const GIF_1X1 = new Uint8Array(Buffer.from("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==", "base64"));

/** The start of a JFIF file: what the sniffer reads (no decoder runs on uploads). */
export const JPEG_HEAD = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

/** The start of a lossy WebP file. */
export const WEBP_HEAD = new Uint8Array(Buffer.concat([Buffer.from("RIFF"), Buffer.from([0x24, 0, 0, 0]), Buffer.from("WEBPVP8 "), Buffer.alloc(8)]));

export const SVG_WITH_SCRIPT = new TextEncoder().encode(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.domain)</script></svg>',
);

export const HTML_PAGE = new TextEncoder().encode("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>");
