import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { customerFilterSql } from "../customers/customer-list";
import { ZCustomerListQuery, type CustomerListQuery } from "../customers/customer.schemas";
import { csvDownload, stamp, type CsvCell, type CsvDownload } from "./csv-stream";

const BATCH = 1_000;

/** The first six columns are the import's own headers (its mapping guesses them): an export can be imported back. */
export const CUSTOMER_EXPORT_HEADER = ["External id", "Name", "Emails", "Phone", "Stage", "Notes", "Sentiment", "NPS", "Customer id", "Added (UTC)"];

interface Row {
  id: string;
  externalId: string | null;
  displayName: string;
  emails: string | null;
  phone: string | null;
  lifecycleStage: string;
  notes: string | null;
  sentimentLabel: string | null;
  npsClass: string | null;
  createdAt: Date;
}

/** The live customers the list's filters select (sort and page ignored), by id, a batch at a time. */
async function* customerRows(ctx: TenantContext, filters: Prisma.Sql): AsyncGenerator<CsvCell[][]> {
  let after = "";
  for (;;) {
    const rows = await getDb().$queryRaw<Row[]>(Prisma.sql`
      SELECT c.id, c."externalId", c."displayName", c.phone, c."lifecycleStage"::text AS "lifecycleStage", c.notes,
             c."sentimentLabel"::text AS "sentimentLabel", c."npsClass"::text AS "npsClass", c."createdAt",
             (SELECT string_agg(e.email, ' ' ORDER BY e."isPrimary" DESC, e.email) FROM "CustomerEmail" e
              WHERE e."tenantId" = ${ctx.tenantId} AND e."customerId" = c.id) AS emails
      FROM "Customer" c
      WHERE c."tenantId" = ${ctx.tenantId} AND c."mergedIntoId" IS NULL AND c."erasedAt" IS NULL AND c.id > ${after} ${filters}
      ORDER BY c.id
      LIMIT ${BATCH}`);
    yield rows.map((r) => [
      r.externalId ?? "",
      r.displayName,
      r.emails ?? "",
      r.phone ?? "",
      r.lifecycleStage,
      r.notes ?? "",
      r.sentimentLabel ?? "",
      r.npsClass ?? "",
      r.id,
      r.createdAt.toISOString(),
    ]);
    if (rows.length < BATCH) return;
    after = rows.at(-1)!.id;
  }
}

/** The customers list as CSV, honouring its filters (search, stage, sentiment, linked days, minimums). */
export async function exportCustomersCsv(ctx: TenantContext, rawQuery: CustomerListQuery): Promise<CsvDownload> {
  assertCan(ctx, "customers:read");
  const query = ZCustomerListQuery.parse(rawQuery);
  return csvDownload(`${ctx.tenantSlug}-customers-${stamp()}.csv`, CUSTOMER_EXPORT_HEADER, customerRows(ctx, customerFilterSql(ctx, query)));
}
