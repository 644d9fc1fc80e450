import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * House rule (docs/architecture.md, Tenancy): a domain function takes the verified TenantContext
 * first, so the tenant it works in is one that a guard (or the worker, from a job payload)
 * vouched for. This walks every exported function under src/server with the TypeScript parser and
 * fails on one that takes a bare `tenantId: string` instead: as its first parameter, right after
 * a transaction / connection handle (`tx: DbTx`, `run: SqlRunner`), or inside an options object
 * in that place (`{ tenantId }: { tenantId: string }`, `input: { tenantId: string }`).
 */

const ROOT = join(__dirname, "..", "..");
const SERVER = join(ROOT, "src", "server");

/** Genuine exceptions, `path#function` → why a bare tenant id is right there. */
const EXCEPTIONS: Record<string, string> = {
  "src/server/auth/tenant-context.ts#systemContext": "builds the worker's context from a job payload's tenant id",
  "src/server/modules/channels/channel-secrets.ts#credentialsAad":
    "names the owner a ciphertext is bound to (AAD); pure, queries nothing; decrypting must use the stored row's own tenantId",
  "src/server/modules/channels/channel-secrets.ts#sealCredentials": "binds a ciphertext to its row's tenant (see credentialsAad)",
  "src/server/modules/channels/channel-secrets.ts#openCredentials": "opens a ciphertext bound to its row's tenant (see credentialsAad)",
  "src/server/modules/webhooks/webhook-secrets.ts#sealWebhookSecret": "binds a webhook's signing secret to its row's tenant (AAD); pure, queries nothing",
  "src/server/modules/webhooks/webhook-secrets.ts#openWebhookSecret": "opens a signing secret with the stored row's own tenant id; pure, queries nothing",
  "src/server/modules/social-profiles/profile-tokens.ts#profileTokenAad":
    "names the owner a token ciphertext is bound to (AAD); pure, queries nothing; decrypting must use the stored row's own tenantId",
  "src/server/modules/social-profiles/profile-tokens.ts#sealProfileToken": "binds a ciphertext to its row's tenant (see profileTokenAad)",
  "src/server/modules/social-profiles/profile-tokens.ts#openProfileToken": "opens a ciphertext bound to its row's tenant (see profileTokenAad)",
  "src/server/modules/brand-accounts/brand-account-tokens.ts#sealBrandTokens": "binds a ciphertext to its row's tenant, like sealProfileToken",
  "src/server/modules/customers/sentiment-rollup.jobs.ts#sentimentRollupJobId":
    "a job id derived from the tenant id the cross-tenant fan-out puts in the payload; pure, queries nothing",
  "src/server/modules/tiers/tiers.jobs.ts#trackTierChangesJobId":
    "a job id derived from the tenant id the cross-tenant fan-out puts in the payload; pure, queries nothing",
  "src/server/modules/advocates/advocates.jobs.ts#applyStageRulesJobId":
    "a job id derived from the tenant id the cross-tenant fan-out (and a save) puts in the payload; pure, queries nothing",
  "src/server/modules/notifications/notifications.jobs.ts#drainJobId":
    "a job id derived from the tenant id the cross-tenant fan-out puts in the payload; pure, queries nothing",
  "src/server/modules/notifications/notifications.jobs.ts#digestJobId":
    "a job id derived from the tenant id the cross-tenant fan-out puts in the payload; pure, queries nothing",
  "src/server/pipeline/checkins/receive-push.ts#pushJobId":
    "a push's dedupe job id from the tenant id the receiver resolved from the URL; pure, queries nothing",
  "src/server/pipeline/deletions/schedule-deletion-checks.ts#deletionCheckJobId":
    "a pass's job id from the tenant id the cross-tenant scheduler (and the run-now action) put in the payload; pure, queries nothing",
  "src/server/pipeline/refresh/schedule-refresh.ts#refreshJobId":
    "a refresh's dedupe job id from the tenant id the cross-tenant fan-out puts in the payload; pure, queries nothing",
};

/** Leading parameters that are a transaction or connection handle, not input. */
const HANDLE_TYPES = new Set(["DbTx", "Db", "SqlRunner", "PrismaClient"]);

interface BareTenantId {
  name: string;
  line: number;
}

function isExported(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function mentionsString(type: ts.TypeNode | undefined): boolean {
  if (!type) return true; // untyped: inferred from a default or the caller; treat as a bare id
  if (type.kind === ts.SyntaxKind.StringKeyword) return true;
  return ts.isUnionTypeNode(type) && type.types.some((t) => t.kind === ts.SyntaxKind.StringKeyword);
}

/** `DbTx`, `Db | DbTx | SqlRunner`, `Pick<DbTx, "ledgerEntry">`. */
function isHandleType(type: ts.TypeNode): boolean {
  if (ts.isUnionTypeNode(type)) return type.types.every(isHandleType);
  if (!ts.isTypeReferenceNode(type)) return false;
  const name = type.typeName.getText();
  if (HANDLE_TYPES.has(name)) return true;
  return (name === "Pick" || name === "Omit") && !!type.typeArguments?.[0] && isHandleType(type.typeArguments[0]);
}

function isHandle(param: ts.ParameterDeclaration): boolean {
  return !!param.type && isHandleType(param.type);
}

function literalHasTenantId(type: ts.TypeNode | undefined): boolean {
  return (
    !!type && ts.isTypeLiteralNode(type) && type.members.some((m) => ts.isPropertySignature(m) && m.name.getText() === "tenantId" && mentionsString(m.type))
  );
}

function takesBareTenantId(param: ts.ParameterDeclaration): boolean {
  if (ts.isIdentifier(param.name)) {
    return (param.name.text === "tenantId" && mentionsString(param.type)) || literalHasTenantId(param.type);
  }
  if (ts.isObjectBindingPattern(param.name)) {
    const bindsTenantId = param.name.elements.some((e) => (e.propertyName ?? e.name).getText() === "tenantId");
    const isContext = !!param.type && ts.isTypeReferenceNode(param.type) && param.type.typeName.getText() === "TenantContext";
    return bindsTenantId && !isContext;
  }
  return false;
}

function violates(fn: ts.SignatureDeclaration): boolean {
  const params = fn.parameters.filter((p) => !(ts.isIdentifier(p.name) && p.name.text === "this"));
  const first = params.findIndex((p) => !isHandle(p));
  return first >= 0 && takesBareTenantId(params[first]!);
}

/** Exported functions of one source file (declarations, `export const f = () => …`, public methods of exported classes) that take a bare tenant id. */
function findBareTenantIds(sourceFile: ts.SourceFile): BareTenantId[] {
  const found: BareTenantId[] = [];
  const report = (name: string, node: ts.Node) => found.push({ name, line: sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1 });
  for (const statement of sourceFile.statements) {
    if (!isExported(statement)) continue;
    if (ts.isFunctionDeclaration(statement) && violates(statement)) report(statement.name?.text ?? "default", statement);
    if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        const init = decl.initializer;
        // A job handler's argument is the job's payload (validated, naming its tenant): the handler
        // is the entry point that turns it into a context with systemContext(), like a guard does.
        const isJobHandler = !!decl.type && ts.isTypeReferenceNode(decl.type) && decl.type.typeName.getText() === "JobHandler";
        if (init && !isJobHandler && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) && violates(init)) report(decl.name.getText(sourceFile), decl);
      }
    }
    if (ts.isClassDeclaration(statement)) {
      for (const member of statement.members) {
        if (!ts.isMethodDeclaration(member)) continue;
        const hidden = (ts.getModifiers(member) ?? []).some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword);
        if (!hidden && violates(member)) report(`${statement.name?.text ?? "default"}.${member.name.getText(sourceFile)}`, member);
      }
    }
  }
  return found;
}

function parse(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

function serverFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : serverFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

function scanServer(): { key: string; at: string }[] {
  return serverFiles(SERVER).flatMap((path) => {
    const file = relative(ROOT, path).split(sep).join("/");
    return findBareTenantIds(parse(file, readFileSync(path, "utf8"))).map((f) => ({ key: `${file}#${f.name}`, at: `${file}:${f.line} ${f.name}` }));
  });
}

describe("domain functions take the tenant context first", () => {
  const findings = scanServer();

  it("no exported function under src/server takes a bare tenantId string (outside the allowlist)", () => {
    const offenders = findings.filter((f) => !(f.key in EXCEPTIONS)).map((f) => f.at);
    expect(offenders).toEqual([]);
  });

  it("every listed exception still exists and still takes a bare tenant id (drop it once converted)", () => {
    const keys = new Set(findings.map((f) => f.key));
    expect(Object.keys(EXCEPTIONS).filter((key) => !keys.has(key))).toEqual([]);
  });

  it("catches each shape of a bare tenant id, and leaves context-first functions alone", () => {
    const source = parse(
      "sample.ts",
      `
      import type { TenantContext } from "./tenant-context";
      export function byId(tenantId: string, id: string) {}
      export async function untyped(tenantId, id: string) {}
      export const arrow = async (tenantId: string | null) => {};
      export function afterTx(tx: DbTx, tenantId: string, id: string) {}
      export function afterRunner(run: SqlRunner | DbTx, tenantId: string) {}
      export function afterPick(tx: Pick<DbTx, "ledgerEntry">, tenantId: string) {}
      export function destructured({ tenantId, id }: { tenantId: string; id: string }) {}
      export function options(input: { ip?: string; tenantId: string }) {}
      export class Repo { find(tenantId: string) {} private hidden(tenantId: string) {} }

      export function withContext(ctx: TenantContext, tenantId: string) {}
      export function ctxAfterTx(tx: DbTx, ctx: TenantContext, id: string) {}
      export function destructuredContext({ tenantId }: TenantContext) {}
      export function laterParameter(queue: string, tenantId: string) {}
      export function otherName(tenantSlug: string) {}
      export const handler: JobHandler<{ tenantId: string }> = async ({ tenantId }) => {};
      export const notAHandler = async ({ tenantId }: { tenantId: string }) => {};
      function internal(tenantId: string) {}
      const notExported = (tenantId: string) => {};
      `,
    );
    expect(findBareTenantIds(source).map((f) => f.name)).toEqual([
      "byId",
      "untyped",
      "arrow",
      "afterTx",
      "afterRunner",
      "afterPick",
      "destructured",
      "options",
      "Repo.find",
      "notAHandler",
    ]);
  });
});
