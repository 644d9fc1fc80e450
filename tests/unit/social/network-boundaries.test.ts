// "One home per social network", enforced on the import graph of the product (src/, without the
// sandbox, which is a separate service, and the generated Prisma client):
//  - a network's SDK (twitter-api-v2) is imported only inside that network's folder;
//  - nothing outside src/server/social/<network>/ imports from it, except the registry
//    (src/server/social/provider-registry.ts): everything else reads networks through the registry;
//  - no import cycle (type imports included) runs through src/server/social/: interfaces do not
//    import their implementations (the old check-in provider ↔ Foursquare provider cycle).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const src = path.join(root, "src");
const socialDir = path.join(src, "server/social");
const registryFile = path.join(socialDir, "provider-registry.ts");
const EXCLUDED = [path.join(src, "sandbox"), path.join(src, "server/db/generated")];

/** Packages that belong to one network: only that network's folder may import them. */
const NETWORK_PACKAGES: Record<string, string> = { "twitter-api-v2": "twitter" };

function sourceFiles(dir: string): string[] {
  if (EXCLUDED.includes(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith(".d.ts") ? [full] : [];
  });
}

interface ImportRef {
  specifier: string;
}

function importsOf(file: string): ImportRef[] {
  const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const refs: ImportRef[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      refs.push({ specifier: node.moduleSpecifier.text });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      refs.push({ specifier: node.moduleSpecifier.text });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      refs.push({ specifier: node.arguments[0].text });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return refs;
}

/** The file an app-relative or "@/" specifier names; null for packages. */
function resolve(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(src, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}

/** The network folder a file lives in (src/server/social/<network>/…), or null. */
function networkFolderOf(file: string): string | null {
  const rel = path.relative(socialDir, file);
  if (rel.startsWith("..") || !rel.includes(path.sep)) return null;
  return rel.split(path.sep)[0]!;
}

const files = sourceFiles(src);
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const rel = (file: string) => path.relative(root, file);

describe("one home per social network", () => {
  it("finds the product's files and the network folders", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => networkFolderOf(f) === "twitter")).toBe(true);
    expect(files.some((f) => networkFolderOf(f) === "foursquare")).toBe(true);
  });

  it("imports a network's SDK only inside that network's folder", () => {
    const offenders: string[] = [];
    for (const [file, refs] of graph) {
      for (const { specifier } of refs) {
        const pkg = Object.keys(NETWORK_PACKAGES).find((name) => specifier === name || specifier.startsWith(`${name}/`));
        if (pkg && networkFolderOf(file) !== NETWORK_PACKAGES[pkg]) offenders.push(`${rel(file)} imports ${specifier}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("reaches into src/server/social/<network>/ only from that folder or the registry", () => {
    const offenders: string[] = [];
    for (const [file, refs] of graph) {
      if (file === registryFile) continue;
      for (const { specifier } of refs) {
        const target = resolve(file, specifier);
        const folder = target && networkFolderOf(target);
        if (folder && networkFolderOf(file) !== folder) offenders.push(`${rel(file)} imports ${specifier}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("has no import cycle through src/server/social/", () => {
    // Tarjan's strongly connected components over all imports, type imports included.
    const edges = new Map<string, string[]>();
    for (const [file, refs] of graph) {
      edges.set(
        file,
        refs.map((r) => resolve(file, r.specifier)).filter((t): t is string => t !== null && graph.has(t)),
      );
    }
    let index = 0;
    const indices = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const strongConnect = (v: string) => {
      indices.set(v, index);
      low.set(v, index);
      index++;
      stack.push(v);
      onStack.add(v);
      for (const w of edges.get(v) ?? []) {
        if (!indices.has(w)) {
          strongConnect(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) {
          low.set(v, Math.min(low.get(v)!, indices.get(w)!));
        }
      }
      if (low.get(v) === indices.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        if (component.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(component);
      }
    };
    for (const file of graph.keys()) if (!indices.has(file)) strongConnect(file);
    const throughSocial = cycles.filter((c) => c.some((f) => !path.relative(socialDir, f).startsWith(".."))).map((c) => c.map(rel).sort());
    expect(throughSocial).toEqual([]);
  });
});
