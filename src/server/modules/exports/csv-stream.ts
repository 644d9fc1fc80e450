import { stringify } from "csv-stringify/sync";

export type CsvCell = string | number;

/**
 * Every cell goes through csv-stringify with `escape_formulas`: a text cell starting with
 * = + - @ tab or CR gets a leading ' so a spreadsheet shows it instead of running it (names and
 * mention text are the public's words). Numbers stay numbers, negative ones included.
 */
export function csvLines(rows: CsvCell[][]): string {
  // Every text cell is quoted: a lone CR or LF inside a name must never end a record.
  return stringify(rows, { escape_formulas: true, quoted_string: true, record_delimiter: "\r\n" });
}

export interface CsvDownload {
  filename: string;
  /** UTF-8 CSV with a byte-order mark, streamed batch by batch. */
  body: ReadableStream<Uint8Array>;
}

/**
 * Every CSV download (ledger, customers, mentions, redemptions): a BOM, the header, then
 * each batch through csv-stringify with `escape_formulas`. The first batch is read before this
 * returns, so a refused filter or permission is a proper error answer, not a broken download.
 */
export async function csvDownload(filename: string, header: string[], batches: AsyncGenerator<CsvCell[][]>): Promise<CsvDownload> {
  const first = await batches.next();
  const encoder = new TextEncoder();
  let head: string | null = `\uFEFF${csvLines([header])}${first.done ? "" : csvLines(first.value)}`;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (head !== null) {
        controller.enqueue(encoder.encode(head));
        head = null;
        if (first.done) controller.close();
        return;
      }
      const next = await batches.next();
      if (next.done) controller.close();
      else if (next.value.length) controller.enqueue(encoder.encode(csvLines(next.value)));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  return { filename, body };
}

export const stamp = () => new Date().toISOString().slice(0, 10);

/** The HTTP answer of a download: attachment, private, never sniffed. */
export function csvResponse(csv: CsvDownload): Response {
  return new Response(csv.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csv.filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
