import { csvLines } from "../ledger/ledger-export";

export type CsvCell = string | number;

export interface CsvDownload {
  filename: string;
  /** UTF-8 CSV with a byte-order mark, streamed batch by batch. */
  body: ReadableStream<Uint8Array>;
}

/**
 * A CSV download built the way the ledger export is (ledger-export.ts): a BOM, the header, then
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
