import { AppError } from "../errors";

const CSV_TYPES = ["text/csv", "application/csv"];

/**
 * The raw bytes of a `text/csv` request body, refused with 415 for another content type and with
 * 413 past `maxBytes` (a declared length is refused before a byte is read; an undeclared one as
 * soon as the stream passes the cap).
 */
export async function readCsvBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!CSV_TYPES.includes(type)) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "send the file as text/csv (UTF-8)");
  const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", `the file is over ${maxBytes / 1024 / 1024} MB, the import limit`);
  if (Number(request.headers.get("content-length") ?? "0") > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
