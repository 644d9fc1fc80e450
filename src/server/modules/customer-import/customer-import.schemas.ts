import { z } from "zod";

/** The customer fields a CSV column can fill, in the order the mapping form shows them. */
export const IMPORT_FIELDS = ["externalId", "displayName", "emails", "phone", "lifecycleStage", "notes"] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  externalId: "External id",
  displayName: "Name",
  emails: "Emails",
  phone: "Phone",
  lifecycleStage: "Lifecycle stage",
  notes: "Notes",
};

/** Fields every import must map: a customer needs a name and an email (as the create form asks). */
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = ["displayName", "emails"];

/** The upload cap: beyond it the upload answers 413 with this size in words. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Row errors kept on the import (the counts cover them all). */
export const MAX_IMPORT_ERRORS = 200;

const ZColumn = z.coerce.number().int().min(0).max(999);

/** Field → index of the header column it comes from; unmapped fields are absent. */
export const ZImportMapping = z
  .strictObject({
    externalId: ZColumn.optional(),
    displayName: ZColumn,
    emails: ZColumn,
    phone: ZColumn.optional(),
    lifecycleStage: ZColumn.optional(),
    notes: ZColumn.optional(),
  })
  .refine((m) => new Set(Object.values(m)).size === Object.values(m).length, "each column can fill one field only");
export type ImportMapping = z.infer<typeof ZImportMapping>;

export const ZCustomerImportId = z.string().regex(/^imp_[0-9a-f]{32}$/, "not an import id");

export const ZImportRowError = z.object({
  /** The line of the data row in the file, counting the header as row 1 (as a spreadsheet shows it). */
  row: z.number().int(),
  /** The header of the column at fault, or null when the row as a whole is. */
  column: z.string().nullable(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ZImportRowError>;

export const IMPORT_STATUSES = ["UPLOADED", "CHECKING", "CHECKED", "IMPORTING", "IMPORTED", "FAILED"] as const;

export const ZCustomerImportDto = z.object({
  id: z.string(),
  fileName: z.string(),
  byteSize: z.number().int(),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.number().int()).nullable(),
  status: z.enum(IMPORT_STATUSES),
  skipInvalid: z.boolean(),
  total: z.number().int(),
  processed: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  failed: z.number().int(),
  errors: z.array(ZImportRowError),
  fileError: z.string().nullable(),
  checkedAt: z.iso.datetime().nullable(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type CustomerImportDto = z.infer<typeof ZCustomerImportDto>;

/** The job's payload: check (dry run, writes only the import's counts) or import for real. */
export const ZCustomerImportJob = z.strictObject({
  tenantId: z.string().min(1),
  importId: z.string().min(1),
  mode: z.enum(["check", "import"]),
});
export type CustomerImportJob = z.infer<typeof ZCustomerImportJob>;

export const ZImportUploadQuery = z.strictObject({ filename: z.string().trim().min(1).max(200).optional() });
export const ZImportCheck = z.strictObject({ mapping: z.record(z.string(), z.number().int().min(0)) });
export const ZImportRun = z.strictObject({ skipInvalid: z.boolean().default(false) });
