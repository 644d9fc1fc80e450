import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

/**
 * Every entry point of the web app, read from the file tree of src/app the way Next routes it:
 * each exported method of each route.ts, each page.tsx, and each export of each "use server"
 * module. The cross-tenant matrix must name every one of them (tests/security/route-inventory.test.ts),
 * so a new route, page or action cannot ship without a cross-tenant case or a written reason.
 *
 * Keys:  "GET /api/v1/tenants/[tenant]/customers/[id]"   a route handler method
 *        "PAGE /t/[tenant]/customers/[id]"                a page
 *        "ACTION t/[tenant]/customers/actions.ts#updateCustomerAction"   a server action
 */
export const APP_DIR = join(process.cwd(), "src", "app");

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

/** "src/app/(auth)/invite/[token]/page.tsx" → "/invite/[token]": route groups and private folders leave the URL. */
export function urlOf(file: string): string {
  const parts = relative(APP_DIR, file).split(sep).slice(0, -1);
  const url = parts.filter((p) => !(p.startsWith("(") && p.endsWith(")"))).join("/");
  return `/${url}`;
}

/** The HTTP methods a route.ts exports, as functions, constants or re-exports (`export { handler as GET }`). */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const method of HTTP_METHODS) {
    const declared = new RegExp(`export\\s+(?:async\\s+)?(?:function|const|let)\\s+${method}\\b`);
    const reexported = new RegExp(`export\\s*\\{[^}]*\\bas\\s+${method}\\b[^}]*\\}`);
    const plain = new RegExp(`export\\s*\\{[^}]*(?:^|[\\s,{])${method}(?:[\\s,}])[^}]*\\}`);
    if (declared.test(source) || reexported.test(source) || plain.test(source)) found.add(method);
  }
  return [...found];
}

/** A module whose first statement is the "use server" directive: every export is a callable action. */
export function isServerActionModule(source: string): boolean {
  const code = source.replace(/^(\s*(\/\/[^\n]*|\/\*[\s\S]*?\*\/))*\s*/, "");
  return /^["']use server["']/.test(code);
}

/** Exported values of a "use server" module (types are not actions). */
export function exportedActions(source: string): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(/export\s+(?:async\s+)?(?:function|const|let|var)\s+([A-Za-z_$][\w$]*)/g)) names.add(match[1]!);
  for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of match[1]!.split(",")) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (name && !name.startsWith("type ")) names.add(name);
    }
  }
  return [...names];
}

export interface Inventory {
  routes: string[];
  pages: string[];
  actions: string[];
}

export function readInventory(): Inventory {
  const files = walk(APP_DIR);
  const routes: string[] = [];
  const pages: string[] = [];
  const actions: string[] = [];
  for (const file of files) {
    const name = file.split(sep).pop()!;
    if (/^route\.(ts|tsx|js)$/.test(name)) {
      const url = urlOf(file);
      for (const method of exportedMethods(readFileSync(file, "utf8"))) routes.push(`${method} ${url}`);
    } else if (/^page\.(tsx|ts|jsx|js)$/.test(name)) {
      pages.push(`PAGE ${urlOf(file)}`);
    } else if (/\.(ts|tsx)$/.test(name)) {
      const source = readFileSync(file, "utf8");
      if (!isServerActionModule(source)) continue;
      const modulePath = relative(APP_DIR, file).split(sep).join("/");
      for (const action of exportedActions(source)) actions.push(`ACTION ${modulePath}#${action}`);
    }
  }
  return { routes: routes.sort(), pages: pages.sort(), actions: actions.sort() };
}
