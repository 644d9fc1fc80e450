import type { TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";

/**
 * A run that failed for good (its retries spent, or an error retrying cannot fix) must not leave
 * the import saying "Checking…" or "Importing…" for ever. It is marked FAILED with what the user
 * can do: the real run commits batch by batch, so the rows before the stop stay imported, and the
 * same file uploaded again imports the rest and leaves those unchanged. The cause goes to the
 * log, not to the screen (it may hold SQL or internals).
 */
export async function markImportStopped(ctx: TenantContext, importId: string, mode: "check" | "import"): Promise<void> {
  const db = getDb();
  const row = await db.customerImport.findFirst({ where: { tenantId: ctx.tenantId, id: importId }, select: { committedRows: true } });
  if (!row) return;
  const message =
    mode === "check"
      ? "The check stopped after an internal error, and nothing was imported. Upload the file again to retry."
      : row.committedRows > 0
        ? `The import stopped after an internal error at row ${row.committedRows + 1}. The rows before it are imported. Upload the same file again to import the rest: rows already imported stay unchanged.`
        : "The import stopped after an internal error before any row was imported. Upload the file again to retry.";
  await db.customerImport.updateMany({
    where: { tenantId: ctx.tenantId, id: importId, status: mode === "check" ? "CHECKING" : "IMPORTING" },
    data: { status: "FAILED", fileError: message, finishedAt: new Date() },
  });
}
