import { LIFECYCLE_STAGES, ZCustomerCreate } from "../customers/customer.schemas";
import type { CsvRow } from "./csv-file";
import type { ImportField, ImportMapping, ImportRowError } from "./customer-import.schemas";

type Stage = (typeof LIFECYCLE_STAGES)[number];

/** One valid row of the file, ready to match: optional fields left empty are `undefined` (kept as they are). */
export interface ImportRecord {
  line: number;
  externalId: string | null;
  displayName: string;
  emails: string[];
  phone?: string | null;
  lifecycleStage?: Stage;
  notes?: string | null;
}

export type RowOutcome = { ok: true; record: ImportRecord } | { ok: false; errors: ImportRowError[] };

/**
 * A cell as the user meant it. Our exports (and most spreadsheets') escape a cell starting with
 * = + - @ tab or CR with a leading ' so it is not run as a formula: that quote is dropped here, so
 * an exported "'+44 20 …" phone imports as "+44 20 …" again.
 */
export function unescapeFormula(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

const cell = (row: CsvRow, column: number | undefined): string | undefined => {
  const value = column === undefined ? undefined : row.cells[column];
  return value === undefined ? undefined : unescapeFormula(value);
};
const present = (value: string | undefined): string | undefined => (value === undefined || value.trim() === "" ? undefined : value);

/**
 * Reads one row through the mapping and checks it with the same rules as the create form
 * (ZCustomerCreate). Each problem names its column's header. Emails may be separated by
 * semicolons, commas or spaces; a stage is matched without regard to case.
 */
export function readRecord(row: CsvRow, mapping: ImportMapping, headers: string[], width: number): RowOutcome {
  const header = (field: ImportField): string | null => {
    const column = mapping[field];
    return column === undefined ? null : (headers[column] ?? null);
  };
  if (row.cells.length !== width) {
    return { ok: false, errors: [{ row: row.line, column: null, message: `the row has ${row.cells.length} columns, the header has ${width}` }] };
  }
  const stageText = present(cell(row, mapping.lifecycleStage))?.trim().toUpperCase();
  const errors: ImportRowError[] = [];
  if (stageText !== undefined && !(LIFECYCLE_STAGES as readonly string[]).includes(stageText)) {
    errors.push({ row: row.line, column: header("lifecycleStage"), message: `must be one of ${LIFECYCLE_STAGES.join(", ")}` });
  }
  const emails = (cell(row, mapping.emails) ?? "").split(/[;,\s]+/).filter((e) => e !== "");
  const input = {
    displayName: cell(row, mapping.displayName) ?? "",
    emails,
    externalId: present(cell(row, mapping.externalId)),
    phone: present(cell(row, mapping.phone)),
    notes: present(cell(row, mapping.notes)),
  };
  const parsed = ZCustomerCreate.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "") as ImportField;
      errors.push({ row: row.line, column: header(field), message: issue.message });
    }
  }
  if (!parsed.success || errors.length) return { ok: false, errors };
  const value = parsed.data;
  return {
    ok: true,
    record: {
      line: row.line,
      externalId: value.externalId ?? null,
      displayName: value.displayName,
      emails: value.emails,
      phone: input.phone === undefined ? undefined : (value.phone ?? null),
      lifecycleStage: stageText as Stage | undefined,
      notes: input.notes === undefined ? undefined : (value.notes ?? null),
    },
  };
}

/**
 * Keys already used earlier in the file: a second row with the same external id or email would
 * make the result depend on row order, so it is an error naming the first row.
 */
export class SeenInFile {
  private externalIds = new Map<string, number>();
  private emails = new Map<string, number>();

  check(record: ImportRecord, headers: { externalId: string | null; emails: string | null }): ImportRowError[] {
    const errors: ImportRowError[] = [];
    if (record.externalId !== null) {
      const first = this.externalIds.get(record.externalId);
      if (first !== undefined)
        errors.push({ row: record.line, column: headers.externalId, message: `external id "${record.externalId}" is already on row ${first}` });
    }
    for (const email of record.emails) {
      const first = this.emails.get(email);
      if (first !== undefined) errors.push({ row: record.line, column: headers.emails, message: `${email} is already on row ${first}` });
    }
    if (errors.length) return errors;
    if (record.externalId !== null) this.externalIds.set(record.externalId, record.line);
    for (const email of record.emails) this.emails.set(email, record.line);
    return [];
  }
}
