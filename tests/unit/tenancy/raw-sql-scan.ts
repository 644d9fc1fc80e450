import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

/**
 * Finds the raw SQL in TypeScript sources that could read or write another tenant's rows: every
 * `$queryRaw`/`$executeRaw` tagged template, every `Prisma.sql` template that is a whole
 * statement (the text handed to `$queryRaw(...)`, `$executeRaw(...)` or the ingest's raw
 * runner; fragments spliced into one are part of that statement), and every
 * `$queryRawUnsafe`/`$executeRawUnsafe` call. Each must name the tenant in its SQL text
 * ("tenantId") unless a comment directly above it (or on its first line) justifies it:
 *   // cross-tenant: <why this reads across tenants, e.g. a scheduler's fan-out>
 *   // no-tenant-data: <why no tenant-owned rows are touched, e.g. SELECT 1, the Tenant row>
 *   // tenant-predicate-in: <the spliced fragment that carries "tenantId">
 * An *Unsafe call's SQL is a plain string that cannot be checked here, so it always needs one.
 */

export interface RawSqlFinding {
  file: string;
  line: number;
  kind: string;
  problem: string;
}

const MARKER = /\/\/\s*(cross-tenant|no-tenant-data|tenant-predicate-in):\s*\S/;
const RAW_TAGS = /(^|\.)\$(queryRaw|executeRaw)$/;
/** A whole data statement (transaction control like BEGIN/COMMIT touches no rows). */
const STATEMENT = /^\s*(\(\s*)?(SELECT|INSERT|UPDATE|DELETE|WITH|MERGE|COPY|TRUNCATE)\b/i;
const UNSAFE_CALLS = /(^|\.)\$(queryRawUnsafe|executeRawUnsafe)$/;

export function scanSource(file: string, text: string): RawSqlFinding[] {
  // Most files hold no SQL at all: skip parsing them.
  if (!/\$(queryRaw|executeRaw)|Prisma\.sql/.test(text)) return [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const lines = text.split("\n");
  const findings: RawSqlFinding[] = [];
  // The comment lines directly above the SQL's first line (or that line itself) carry the marker.
  const justified = (line: number) => {
    if (MARKER.test(lines[line] ?? "")) return true;
    for (let i = line - 1; i >= 0 && /^\s*\/\//.test(lines[i]!); i--) if (MARKER.test(lines[i]!)) return true;
    return false;
  };
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line;

  const checkTemplate = (node: ts.TaggedTemplateExpression, kind: string) => {
    const template = node.template;
    const sqlText = ts.isNoSubstitutionTemplateLiteral(template)
      ? template.text
      : [template.head.text, ...template.templateSpans.map((s) => s.literal.text)].join(" ? ");
    // A Prisma.sql fragment (a condition or list spliced into a larger query) is checked as
    // part of the statement it is spliced into; only whole statements are checked.
    if (kind === "Prisma.sql" && !STATEMENT.test(sqlText)) return;
    // Either the line the expression starts on or the line of the SQL itself may carry the comment.
    const line = lineOf(node);
    if (!sqlText.includes('"tenantId"') && !justified(line) && !justified(lineOf(node.template))) {
      findings.push({ file, line: line + 1, kind, problem: 'no "tenantId" predicate and no justification comment' });
    }
  };

  const visit = (node: ts.Node) => {
    if (ts.isTaggedTemplateExpression(node)) {
      const tag = node.tag.getText(source);
      if (tag === "Prisma.sql") checkTemplate(node, "Prisma.sql");
      else if (RAW_TAGS.test(tag)) checkTemplate(node, tag.slice(tag.lastIndexOf("$")));
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression.getText(source);
      if (UNSAFE_CALLS.test(callee) && !justified(lineOf(node))) {
        findings.push({ file, line: lineOf(node) + 1, kind: callee.slice(callee.lastIndexOf("$")), problem: "unsafe raw SQL without a justification comment" });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

/** Every .ts/.tsx file under `dir`, generated Prisma client excluded. */
export function scanTree(root: string, dir: string): RawSqlFinding[] {
  const findings: RawSqlFinding[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (path.endsWith(join("db", "generated"))) continue;
        walk(path);
      } else if (/\.tsx?$/.test(entry.name)) {
        findings.push(...scanSource(relative(root, path), readFileSync(path, "utf8")));
      }
    }
  };
  walk(join(root, dir));
  return findings;
}
