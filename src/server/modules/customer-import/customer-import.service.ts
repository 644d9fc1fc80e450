import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { enqueue } from "../../jobs/queues";
import { readHeaders } from "./csv-file";
import {
  IMPORT_FIELDS,
  MAX_IMPORT_BYTES,
  REQUIRED_IMPORT_FIELDS,
  ZCustomerImportId,
  ZImportMapping,
  type CustomerImportDto,
  type ImportField,
  type ImportMapping,
  type ImportRowError,
} from "./customer-import.schemas";

/** Every column but the file's bytes, which are read by the job only. */
const IMPORT_SELECT = {
  id: true,
  fileName: true,
  byteSize: true,
  headers: true,
  mapping: true,
  status: true,
  skipInvalid: true,
  total: true,
  processed: true,
  created: true,
  updated: true,
  unchanged: true,
  failed: true,
  errors: true,
  fileError: true,
  checkedAt: true,
  startedAt: true,
  finishedAt: true,
  createdAt: true,
} as const;

type ImportRow = Awaited<ReturnType<typeof findImport>>;

function findImport(ctx: TenantContext, id: string) {
  return getDb().customerImport.findFirst({ where: { tenantId: ctx.tenantId, id }, select: IMPORT_SELECT });
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toDto(row: NonNullable<ImportRow>): CustomerImportDto {
  return {
    ...row,
    mapping: (row.mapping as Record<string, number> | null) ?? null,
    errors: row.errors as unknown as ImportRowError[],
    checkedAt: iso(row.checkedAt),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    createdAt: row.createdAt.toISOString(),
  };
}

/** The header names each field is recognised by when the mapping is first guessed. */
const GUESSES: Record<ImportField, RegExp> = {
  externalId: /^(external[ _-]?id|customer[ _-]?id|id|ref(erence)?)$/i,
  displayName: /^(name|display[ _-]?name|full[ _-]?name|customer)$/i,
  emails: /^(e-?mails?|e-?mail address(es)?)$/i,
  phone: /^(phone|telephone|mobile|phone number)$/i,
  lifecycleStage: /^(stage|lifecycle[ _-]?stage|lifecycle)$/i,
  notes: /^(notes?|comments?)$/i,
};

export function guessMapping(headers: string[]): Partial<Record<ImportField, number>> {
  const mapping: Partial<Record<ImportField, number>> = {};
  for (const field of IMPORT_FIELDS) {
    const index = headers.findIndex((h) => GUESSES[field].test(h.trim()));
    if (index >= 0 && !Object.values(mapping).includes(index)) mapping[field] = index;
  }
  return mapping;
}

/**
 * Stores an uploaded CSV after its file-level checks (size, UTF-8, a header row), with a guessed
 * mapping. Nothing is imported yet.
 */
export async function uploadCustomerImport(ctx: TenantContext, file: { name: string; bytes: Uint8Array; userId?: string | null }): Promise<CustomerImportDto> {
  assertCan(ctx, "customers:write");
  if (file.bytes.length > MAX_IMPORT_BYTES) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `The file is ${(file.bytes.length / 1024 / 1024).toFixed(1)} MB; imports take up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`,
    );
  }
  const headers = await readHeaders(file.bytes);
  const row = await getDb().customerImport.create({
    data: {
      tenantId: ctx.tenantId,
      fileName: file.name.slice(0, 200) || "customers.csv",
      fileBytes: Buffer.from(file.bytes),
      byteSize: file.bytes.length,
      headers,
      mapping: guessMapping(headers),
      createdById: ctx.actor.type === "USER" ? ctx.actor.id : null,
    },
    select: IMPORT_SELECT,
  });
  return toDto(row);
}

export async function getCustomerImport(ctx: TenantContext, id: string): Promise<CustomerImportDto> {
  assertCan(ctx, "customers:read");
  if (!ZCustomerImportId.safeParse(id).success) throw AppError.notFound("import");
  const row = await findImport(ctx, id);
  if (!row) throw AppError.notFound("import");
  return toDto(row);
}

export async function listCustomerImports(ctx: TenantContext, take = 10): Promise<CustomerImportDto[]> {
  assertCan(ctx, "customers:read");
  const rows = await getDb().customerImport.findMany({ where: { tenantId: ctx.tenantId }, orderBy: { createdAt: "desc" }, take, select: IMPORT_SELECT });
  return rows.map(toDto);
}

function validMapping(raw: unknown, headers: string[]): ImportMapping {
  const parsed = ZImportMapping.safeParse(raw);
  if (!parsed.success) {
    const missing = REQUIRED_IMPORT_FIELDS.filter((f) => (raw as Record<string, unknown>)?.[f] === undefined);
    const message = missing.length ? `choose the column for: ${missing.join(", ")}` : (parsed.error.issues[0]?.message ?? "invalid mapping");
    throw new AppError("VALIDATION_FAILED", message, { issues: [{ path: "mapping", message }] });
  }
  const outside = Object.values(parsed.data).find((column) => column >= headers.length);
  if (outside !== undefined)
    throw new AppError("VALIDATION_FAILED", `the file has no column ${outside + 1}`, { issues: [{ path: "mapping", message: "no such column" }] });
  return parsed.data;
}

/** Saves the mapping and queues the dry run (the import's counts say what a real run would do). */
export async function startImportCheck(ctx: TenantContext, id: string, rawMapping: unknown): Promise<void> {
  assertCan(ctx, "customers:write");
  const current = await getCustomerImport(ctx, id);
  if (current.status === "CHECKING" || current.status === "IMPORTING") throw new AppError("CONFLICT", "this import is already running");
  if (current.status === "IMPORTED" || current.status === "FAILED")
    throw new AppError("CONFLICT", "this file was already imported or refused; upload it again");
  const mapping = validMapping(rawMapping, current.headers);
  const zero = { total: 0, processed: 0, created: 0, updated: 0, unchanged: 0, failed: 0, errors: [], committedRows: 0 };
  await getDb().customerImport.updateMany({
    where: { tenantId: ctx.tenantId, id },
    data: { ...zero, mapping, status: "CHECKING", checkedAt: null, skipInvalid: false },
  });
  await enqueue("customers.import", { tenantId: ctx.tenantId, importId: id, mode: "check" }, { jobId: `customer-import:${id}:check:${Date.now()}` });
}

/**
 * Queues the real run of a checked import. If the check found broken rows the user must accept
 * skipping them (`skipInvalid`); nothing is written before that.
 */
export async function startImportRun(ctx: TenantContext, id: string, skipInvalid: boolean): Promise<void> {
  assertCan(ctx, "customers:write");
  const current = await getCustomerImport(ctx, id);
  if (current.status !== "CHECKED") throw new AppError("CONFLICT", "run the check first");
  if (current.failed > 0 && !skipInvalid) {
    const message = `the check found ${current.failed} broken row${current.failed === 1 ? "" : "s"}: fix the file, or accept that they are skipped`;
    throw new AppError("VALIDATION_FAILED", message, { issues: [{ path: "skipInvalid", message }] });
  }
  const moved = await getDb().customerImport.updateMany({
    where: { tenantId: ctx.tenantId, id, status: "CHECKED" },
    data: {
      status: "IMPORTING",
      skipInvalid,
      processed: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      failed: 0,
      errors: [],
      committedRows: 0,
      startedAt: new Date(),
    },
  });
  if (moved.count !== 1) throw new AppError("CONFLICT", "this import is already running");
  await enqueue("customers.import", { tenantId: ctx.tenantId, importId: id, mode: "import" }, { jobId: `customer-import:${id}:import` });
}
