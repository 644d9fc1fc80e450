import type { TenantContext } from "../../auth/tenant-context";
import { getDb, type Db, type DbTx } from "../../db/client";
import { isAppError } from "../../errors";
import { writeAudit } from "../audit/audit.service";
import { assertUtf8Csv, readRows } from "./csv-file";
import { MAX_IMPORT_ERRORS, ZImportMapping, type ImportRowError } from "./customer-import.schemas";
import { applyPlan } from "./import-apply";
import { findExisting, planBatch } from "./import-plan";
import { readRecord, SeenInFile, type ImportRecord } from "./import-rows";

/** Rows per batch: one lookup and a handful of set-based writes in one transaction each. */
export const IMPORT_BATCH_ROWS = 2_000;

interface Counts {
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}

/**
 * Runs an import's file through the mapping, batch by batch: "check" only counts what would
 * happen (nothing but the import's own row is written); "import" writes each batch and its
 * counts in ONE transaction, so a crashed job resumes after the last committed batch and a
 * batch is never applied twice (and re-applying one would change nothing anyway: matching by
 * external id, then email). A file-level error (encoding, malformed CSV) ends the run FAILED with
 * its message; the real run is only offered after a check of the same bytes passed, so that
 * never happens half-way through a real run.
 */
export async function runCustomerImport(ctx: TenantContext, importId: string, mode: "check" | "import"): Promise<void> {
  const db = getDb();
  const row = await db.customerImport.findFirst({
    where: { tenantId: ctx.tenantId, id: importId },
    select: {
      status: true,
      mapping: true,
      headers: true,
      fileBytes: true,
      committedRows: true,
      errors: true,
      processed: true,
      created: true,
      updated: true,
      unchanged: true,
      failed: true,
    },
  });
  if (!row || row.status !== (mode === "check" ? "CHECKING" : "IMPORTING")) return;
  const mapping = ZImportMapping.parse(row.mapping);
  const headers = row.headers;
  const columnOf = (column: number | undefined) => (column === undefined ? null : (headers[column] ?? null));
  const keyHeaders = { externalId: columnOf(mapping.externalId), emails: columnOf(mapping.emails) };
  const resumeAfter = mode === "import" ? row.committedRows : 0;
  const counts: Counts = resumeAfter ? { ...row } : { processed: 0, created: 0, updated: 0, unchanged: 0, failed: 0 };
  const errors: ImportRowError[] = resumeAfter ? (row.errors as unknown as ImportRowError[]) : [];
  const seen = new SeenInFile();
  let batch: ImportRecord[] = [];
  let batchErrors: ImportRowError[] = [];
  let batchRows = 0;
  let batchFailed = 0;
  let lastRow = 0;

  const flush = async () => {
    if (!batchRows) return;
    const work = async (tx: Db | DbTx) => {
      const plan = planBatch(batch, await findExisting(tx, ctx, batch), keyHeaders);
      if (mode === "import") await applyPlan(tx, ctx, plan);
      counts.processed += batchRows;
      counts.created += plan.creates.length;
      counts.updated += plan.updates.length;
      counts.unchanged += plan.unchanged;
      counts.failed += batchFailed + plan.failedRows;
      for (const e of [...batchErrors, ...plan.errors].sort((a, b) => a.row - b.row)) if (errors.length < MAX_IMPORT_ERRORS) errors.push(e);
      await tx.customerImport.updateMany({
        where: { tenantId: ctx.tenantId, id: importId },
        data: { ...counts, errors: errors as object[], ...(mode === "import" ? { committedRows: lastRow } : {}) },
      });
    };
    if (mode === "import") await db.$transaction(work, { timeout: 60_000 });
    else await work(db);
    batch = [];
    batchErrors = [];
    batchRows = 0;
    batchFailed = 0;
  };

  try {
    assertUtf8Csv(row.fileBytes);
    for await (const csvRow of readRows(row.fileBytes)) {
      lastRow = csvRow.line;
      const outcome = readRecord(csvRow, mapping, headers, headers.length);
      const rowErrors = outcome.ok ? seen.check(outcome.record, keyHeaders) : outcome.errors;
      // Rows a committed batch already holds: only remembered (duplicates across batches).
      if (csvRow.line <= resumeAfter) continue;
      batchRows++;
      if (rowErrors.length) {
        batchFailed++;
        batchErrors.push(...rowErrors);
      } else if (outcome.ok) batch.push(outcome.record);
      if (batchRows >= IMPORT_BATCH_ROWS) await flush();
    }
    await flush();
  } catch (error) {
    if (!isAppError(error) || error.code !== "VALIDATION_FAILED") throw error;
    await db.customerImport.updateMany({
      where: { tenantId: ctx.tenantId, id: importId },
      data: { status: "FAILED", fileError: error.message, finishedAt: new Date() },
    });
    return;
  }
  await finish(ctx, importId, mode, counts);
}

async function finish(ctx: TenantContext, importId: string, mode: "check" | "import", counts: Counts): Promise<void> {
  const now = new Date();
  if (mode === "check") {
    await getDb().customerImport.updateMany({
      where: { tenantId: ctx.tenantId, id: importId, status: "CHECKING" },
      data: { status: "CHECKED", total: counts.processed, checkedAt: now },
    });
    return;
  }
  await getDb().$transaction(async (tx) => {
    await tx.customerImport.updateMany({ where: { tenantId: ctx.tenantId, id: importId, status: "IMPORTING" }, data: { status: "IMPORTED", finishedAt: now } });
    await writeAudit(tx, ctx, { action: "customer.imported", targetType: "CustomerImport", targetId: importId, data: { ...counts } });
  });
}
