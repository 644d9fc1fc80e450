import type { TenantContext } from "../../auth/tenant-context";
import type { DbTx, Db } from "../../db/client";
import type { ImportRowError } from "./customer-import.schemas";
import type { ImportRecord } from "./import-rows";

type Stage = NonNullable<ImportRecord["lifecycleStage"]>;

/** A customer the batch's keys found, with what an import may change. */
export interface ExistingCustomer {
  id: string;
  externalId: string | null;
  displayName: string;
  phone: string | null;
  lifecycleStage: Stage;
  notes: string | null;
  mergedIntoId: string | null;
  erasedAt: Date | null;
  emails: string[];
}

export interface CustomerChange {
  id: string;
  externalId: string | null;
  displayName: string;
  phone: string | null;
  lifecycleStage: Stage;
  notes: string | null;
  /** The stage before, when the row moves it (recorded as a manual stage change). */
  stageFrom: Stage | null;
  /** Emails the customer does not have yet. */
  addEmails: string[];
}

export interface BatchPlan {
  creates: ImportRecord[];
  updates: CustomerChange[];
  unchanged: number;
  errors: ImportRowError[];
  /** Rows refused by matching (each counted once, whatever its number of errors). */
  failedRows: number;
}

/** The tenant's customers that any record of the batch names by external id or email. */
export async function findExisting(db: Db | DbTx, ctx: TenantContext, records: ImportRecord[]): Promise<ExistingCustomer[]> {
  const externalIds = records.flatMap((r) => (r.externalId === null ? [] : [r.externalId]));
  const emails = records.flatMap((r) => r.emails);
  if (!records.length) return [];
  return db.$queryRaw<ExistingCustomer[]>`
    SELECT c.id, c."externalId", c."displayName", c.phone, c."lifecycleStage"::text AS "lifecycleStage", c.notes,
           c."mergedIntoId", c."erasedAt",
           COALESCE((SELECT array_agg(e.email ORDER BY e."isPrimary" DESC, e."createdAt", e.email) FROM "CustomerEmail" e
                     WHERE e."tenantId" = c."tenantId" AND e."customerId" = c.id), '{}') AS emails
    FROM "Customer" c
    WHERE c."tenantId" = ${ctx.tenantId}
      AND (c."externalId" = ANY(${externalIds}::text[])
           OR c.id IN (SELECT e."customerId" FROM "CustomerEmail" e WHERE e."tenantId" = ${ctx.tenantId} AND e.email = ANY(${emails}::text[])))`;
}

interface Headers {
  externalId: string | null;
  emails: string | null;
}

/**
 * What each record does, matched by external id first, then by email: create, change (only the
 * columns mapped and filled; emails are added, never removed; an external id is set only where
 * there was none), or nothing. Pure, so the dry run and the real run decide alike.
 */
export function planBatch(records: ImportRecord[], existing: ExistingCustomer[], headers: Headers): BatchPlan {
  const byExternalId = new Map<string, ExistingCustomer>();
  const byEmail = new Map<string, ExistingCustomer>();
  for (const c of existing) {
    if (c.externalId !== null) byExternalId.set(c.externalId, c);
    for (const email of c.emails) byEmail.set(email, c);
  }
  const plan: BatchPlan = { creates: [], updates: [], unchanged: 0, errors: [], failedRows: 0 };
  const fail = (record: ImportRecord, column: string | null, message: string) => {
    plan.errors.push({ row: record.line, column, message });
    plan.failedRows++;
  };
  for (const record of records) {
    const owners = [...new Set(record.emails.map((e) => byEmail.get(e)).filter((c) => c !== undefined))];
    let target = record.externalId === null ? undefined : byExternalId.get(record.externalId);
    if (target) {
      const other = owners.find((c) => c.id !== target!.id);
      if (other) {
        const taken = record.emails.filter((e) => byEmail.get(e) === other);
        fail(record, headers.emails, `already used by another customer: ${taken.join(", ")}`);
        continue;
      }
    } else if (owners.length > 1) {
      fail(record, headers.emails, "these emails belong to different customers");
      continue;
    } else if (owners.length === 1) {
      target = owners[0]!;
      if (target.externalId !== null && record.externalId !== null) {
        fail(
          record,
          headers.externalId,
          `${record.emails.find((e) => byEmail.get(e) === target)} belongs to the customer with external id "${target.externalId}"`,
        );
        continue;
      }
    }
    if (!target) {
      plan.creates.push(record);
      continue;
    }
    if (target.mergedIntoId !== null || target.erasedAt !== null) {
      fail(record, record.externalId !== null ? headers.externalId : headers.emails, "matches a customer who was merged or erased");
      continue;
    }
    const change: CustomerChange = {
      id: target.id,
      externalId: target.externalId ?? record.externalId,
      displayName: record.displayName,
      phone: record.phone === undefined ? target.phone : record.phone,
      lifecycleStage: record.lifecycleStage ?? target.lifecycleStage,
      notes: record.notes === undefined ? target.notes : record.notes,
      stageFrom: record.lifecycleStage !== undefined && record.lifecycleStage !== target.lifecycleStage ? target.lifecycleStage : null,
      addEmails: record.emails.filter((e) => !target.emails.includes(e)),
    };
    const same =
      change.externalId === target.externalId &&
      change.displayName === target.displayName &&
      change.phone === target.phone &&
      change.lifecycleStage === target.lifecycleStage &&
      change.notes === target.notes &&
      change.addEmails.length === 0;
    if (same) plan.unchanged++;
    else plan.updates.push(change);
  }
  return plan;
}
