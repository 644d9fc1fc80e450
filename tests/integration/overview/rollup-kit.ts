import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { Prisma } from "../../../src/server/db/generated/client";
import { rollupComparisons, type RecountRange, type RollupName } from "../../../src/server/modules/overview/rollup-recount";

/** A range wide enough for any test data: a year either side of today. */
export function wideRange(): RecountRange {
  const at = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return { from: at(-366), to: at(366) };
}

type Row = Record<string, unknown>;
const text = (rows: Row[]) =>
  rows
    .map((r) =>
      JSON.stringify(
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === "bigint" ? Number(v) : v])),
      ),
    )
    .sort();

/** Each rollup table's non-zero rows for the brand, beside the recount from the source tables. */
export async function rollupsAndRecount(ctx: TenantContext, range: RecountRange = wideRange()) {
  const read = (sql: Prisma.Sql) => getDb().$queryRaw<Row[]>(sql).then(text);
  const tables = {} as Record<RollupName, { rollup: string[]; recount: string[] }>;
  for (const { name, stored, recounted } of rollupComparisons(ctx, range)) tables[name] = { rollup: await read(stored), recount: await read(recounted) };
  return tables;
}
