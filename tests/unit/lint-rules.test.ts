import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { beforeAll, describe, expect, it, vi } from "vitest";

// The project's own eslint.config.mjs, run through ESLint's Node API on small fixtures: a rule
// that silently stopped firing (a typo in a glob, a plugin that no longer resolves a path) fails here.
const root = fileURLToPath(new URL("../..", import.meta.url));

// The first lint of a file loads the whole config (Next's plugins, the import resolver): seconds,
// more on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

let importLint: ESLint;
let typedLint: ESLint;

beforeAll(() => {
  // The import and size rules need no type information. Fixtures are virtual files (lintText with a
  // path inside a layer), so type-aware rules are switched off for them: building the whole
  // project's program would cost the unit tier tens of seconds.
  importLint = new ESLint({ cwd: root, overrideConfig: [{ files: ["**/*.ts", "**/*.tsx"], ...tseslint.configs.disableTypeChecked }] });
  // The type-aware rules on a real fixture with its own small tsconfig (tests/unit/lint-fixtures).
  typedLint = new ESLint({ cwd: root, ignore: false });
});

async function lintAt(filePath: string, code: string) {
  const [result] = await importLint.lintText(code, { filePath });
  if (!result) throw new Error(`no lint result for ${filePath}`);
  return result.messages.map((m) => ({ line: m.line, rule: m.ruleId, severity: m.severity }));
}

async function rulesAt(filePath: string, code: string) {
  return (await lintAt(filePath, code)).map((m) => m.rule);
}

describe("import direction (app → features → server), on resolved paths", () => {
  it("src/server imports neither src/app nor src/features, by alias, relative path, re-export or import()", async () => {
    const code = [
      'import RootLayout from "@/app/layout";',
      'import type { SignUpState } from "../../features/auth/auth-form-states";',
      'export * from "@/features/forms/form-text";',
      'export const load = () => import("@/app/not-found");',
      "export type Both = [typeof RootLayout, SignUpState];",
    ].join("\n");
    expect(await lintAt("src/server/modules/lint-fixture.ts", code)).toEqual([
      { line: 1, rule: "import/no-restricted-paths", severity: 2 },
      { line: 2, rule: "import/no-restricted-paths", severity: 2 },
      { line: 3, rule: "import/no-restricted-paths", severity: 2 },
      { line: 4, rule: "import/no-restricted-paths", severity: 2 },
    ]);
  });

  it("src/server/http may use Next.js but not the screens", async () => {
    expect(await rulesAt("src/server/http/lint-fixture.ts", 'import { headers } from "next/headers";\nexport const h = headers;\n')).toEqual([]);
    expect(await rulesAt("src/server/http/lint-fixture.ts", 'import RootLayout from "@/app/layout";\nexport const l = RootLayout;\n')).toEqual([
      "import/no-restricted-paths",
    ]);
  });

  it("the rest of src/server knows no Next.js or React", async () => {
    expect(await rulesAt("src/server/modules/lint-fixture.ts", 'import { headers } from "next/headers";\nexport const h = headers;\n')).toEqual([
      "no-restricted-imports",
    ]);
  });

  it("src/features may import src/server's schemas and types, but not src/app", async () => {
    expect(
      await rulesAt("src/features/lint-fixture.ts", 'import type { ActionState } from "@/server/http/action-state";\nexport type S = ActionState;\n'),
    ).toEqual([]);
    expect(await rulesAt("src/features/lint-fixture.ts", 'import type { X } from "@/app/(auth)/signup/actions";\nexport type S = X;\n')).toEqual([
      "import/no-restricted-paths",
    ]);
  });

  it("src/app may import features and server services", async () => {
    const code =
      'import { formString } from "@/features/forms/form-text";\nimport { listCustomers } from "@/server/modules/customers/customer.service";\nexport const both = [formString, listCustomers];\n';
    expect(await rulesAt("src/app/lint-fixture.ts", code)).toEqual([]);
  });

  it("shared UI primitives import neither features nor routes", async () => {
    expect(await rulesAt("src/components/lint-fixture.ts", 'import { formString } from "@/features/forms/form-text";\nexport const f = formString;\n')).toEqual(
      ["import/no-restricted-paths"],
    );
  });

  it("the product never imports the sandbox", async () => {
    const code = 'import { startSandbox } from "@/sandbox/start-sandbox";\nexport const s = startSandbox;\n';
    for (const layer of ["src/app", "src/features", "src/components", "src/server", "src/workers"]) {
      expect(await rulesAt(`${layer}/lint-fixture.ts`, code), layer).toEqual(["import/no-restricted-paths"]);
    }
    expect(await rulesAt("src/workers/lint-fixture.ts", 'import { startSandbox } from "../sandbox/start-sandbox";\nexport const s = startSandbox;\n')).toEqual([
      "import/no-restricted-paths",
    ]);
  });

  it("workers reach job code only through the job registry, not pipeline or module code directly", async () => {
    expect(
      await rulesAt("src/workers/lint-fixture.ts", 'import { pollSourcePage } from "@/server/pipeline/poll-source";\nexport const p = pollSourcePage;\n'),
    ).toEqual(["import/no-restricted-paths"]);
    expect(
      await rulesAt("src/workers/lint-fixture.ts", 'import { deliverMail } from "../server/modules/mail/mail.service";\nexport const d = deliverMail;\n'),
    ).toEqual(["import/no-restricted-paths"]);
    // Queue plumbing is not job code.
    expect(await rulesAt("src/workers/lint-fixture.ts", 'import { getQueue } from "@/server/jobs/queues";\nexport const q = getQueue;\n')).toEqual([]);
  });
});

describe("size", () => {
  const statements = (n: number) => Array.from({ length: n }, (_, i) => `export const v${i} = ${i};`).join("\n") + "\n";
  const commentsAndBlanks = Array.from({ length: 200 }, (_, i) => (i % 2 ? "" : `// note ${i}`)).join("\n");

  it("warns past 300 lines of code in src, not counting blank lines and comments", async () => {
    expect(await lintAt("src/server/lint-fixture.ts", statements(301))).toEqual([{ line: 301, rule: "max-lines", severity: 1 }]);
    expect(await lintAt("src/server/lint-fixture.ts", commentsAndBlanks + "\n" + statements(300))).toEqual([]);
  });

  it("gives a test file 400", async () => {
    expect(await rulesAt("tests/unit/lint-fixture.test.ts", statements(400))).toEqual([]);
    expect(await rulesAt("tests/unit/lint-fixture.test.ts", statements(401))).toEqual(["max-lines"]);
  });
});

describe("type-aware rules", () => {
  it("report a floating promise and a promise passed where a callback returns nothing", async () => {
    const fixture = "tests/unit/lint-fixtures/promises.ts";
    const expected = readFileSync(`${root}/${fixture}`, "utf8")
      .split("\n")
      .flatMap((text, i) => {
        const rule = /\/\/ expect: (\S+)/.exec(text)?.[1];
        return rule ? [{ line: i + 1, rule }] : [];
      });
    expect(expected).toHaveLength(2);
    const [result] = await typedLint.lintFiles([fixture]);
    expect(result?.messages.map((m) => ({ line: m.line, rule: m.ruleId }))).toEqual(expected);
  });

  it("are on with their `any` checks for product code, and keep the promise checks in tests", async () => {
    const product = (await typedLint.calculateConfigForFile(`${root}/src/server/lint-fixture.ts`)) as { rules: Record<string, unknown[]> };
    for (const rule of [
      "no-floating-promises",
      "no-misused-promises",
      "no-unsafe-assignment",
      "no-unsafe-member-access",
      "no-unsafe-call",
      "no-unsafe-return",
      "no-unsafe-argument",
    ]) {
      expect(product.rules[`@typescript-eslint/${rule}`]?.[0], rule).toBe(2);
    }
    const test = (await typedLint.calculateConfigForFile(`${root}/tests/integration/lint-fixture.test.ts`)) as { rules: Record<string, unknown[]> };
    expect(test.rules["@typescript-eslint/no-floating-promises"]?.[0]).toBe(2);
    expect(test.rules["@typescript-eslint/no-misused-promises"]?.[0]).toBe(2);
  });
});
