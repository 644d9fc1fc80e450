import { describe, expect, it } from "vitest";
import { scanSource, scanTree } from "./raw-sql-scan";

describe("raw SQL names the tenant", () => {
  it("every $queryRaw / $executeRaw / Prisma.sql in src/ has a tenantId predicate or a written justification", () => {
    const findings = scanTree(process.cwd(), "src");
    expect(findings.map((f) => `${f.file}:${f.line} ${f.kind}: ${f.problem}`)).toEqual([]);
  }, 30_000);
});

describe("the raw SQL scanner reports a violation", () => {
  it("a query without tenantId, in each form the app uses", () => {
    const findings = scanSource(
      "bad.ts",
      [
        'const a = await tx.$queryRaw`SELECT * FROM "Customer" WHERE id = ${id}`;',
        "const b = await db.$executeRaw<number>`UPDATE \"Mention\" SET status = 'IGNORED' WHERE id = ${id}`;",
        'const c = Prisma.sql`SELECT * FROM "LedgerEntry" WHERE "customerId" = ${customerId}`;',
        'const d = await db.$queryRawUnsafe(`SELECT * FROM "Customer" WHERE "tenantId" = $1`, tenantId);',
      ].join("\n"),
    );
    expect(findings.map((f) => [f.line, f.kind])).toEqual([
      [1, "$queryRaw"],
      [2, "$executeRaw"],
      [3, "Prisma.sql"],
      [4, "$queryRawUnsafe"],
    ]);
  });

  it("a tenant value in an interpolation is not a predicate: the SQL text must say tenantId", () => {
    const findings = scanSource("bad.ts", 'await tx.$queryRaw`SELECT * FROM "Customer" WHERE id = ${ctx.tenantId}`;');
    expect(findings).toHaveLength(1);
  });

  it("accepts a tenant predicate, and a justification only with a reason", () => {
    const findings = scanSource(
      "ok.ts",
      [
        'await tx.$queryRaw`SELECT id FROM "Customer" WHERE "tenantId" = ${tenantId} AND id = ${id}`;',
        "// cross-tenant: the scheduler's fan-out finds due sources of every tenant",
        'await db.$queryRaw`SELECT id FROM "ListeningSource" WHERE enabled`;',
        "// no-tenant-data: a liveness probe",
        "await db.$queryRaw`SELECT 1`;",
        "// cross-tenant:",
        'await db.$queryRaw`SELECT id FROM "Mention"`;',
      ].join("\n"),
    );
    expect(findings.map((f) => f.line)).toEqual([7]);
  });

  it("checks a Prisma.sql statement but not a fragment spliced into one", () => {
    const findings = scanSource(
      "mixed.ts",
      [
        'const cond = Prisma.sql`AND c."lifecycleStage" = ${stage}`;',
        'const ok = Prisma.sql`SELECT id FROM "Customer" c WHERE c."tenantId" = ${tenantId} ${cond}`;',
        'const bad = Prisma.sql`\n  WITH x AS (SELECT id FROM "Customer") SELECT * FROM x`;',
        "await run(Prisma.sql`BEGIN`);",
      ].join("\n"),
    );
    expect(findings.map((f) => f.line)).toEqual([3]);
  });
});
