import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

/**
 * Lint enforces the house rules of docs/architecture.md and CONTRIBUTING.md:
 * - type-aware checks (typescript-eslint's recommended-type-checked: floating and misused promises,
 *   values typed `any`), on one TypeScript program shared through the project service;
 * - the direction of imports between layers (app → features → server), checked on the resolved
 *   file so that relative paths, the `@/` alias, `export … from` and `import()` are all caught;
 * - which packages each layer may use (Next.js, React, Prisma), and that only src/server/env.ts
 *   reads process.env;
 * - a soft size cap (warning, so `--max-warnings 0` still stops it).
 * tests/unit/lint-rules.test.ts lints small fixtures with these rules to prove that they fire.
 */

// The one module through which src/workers reach job code (path without extension). When the job
// registry moves, change it here and nowhere else.
export const JOB_REGISTRY = "src/server/jobs/registry";

const TS_FILES = ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"];

const restrict = (patterns) => ["error", { patterns }];

const noPrisma = { group: ["**/db/generated/*", "**/db/generated", "@prisma/client", "@prisma/client/*"], message: "Only src/server talks to Prisma." };
const noDbClient = { group: ["@/server/db/client", "**/server/db/client"], message: "Routes and UI go through domain services, never the database client." };
const noNext = {
  group: ["next", "next/*", "next-auth", "next-auth/*", "react", "react-dom", "react/*"],
  message: "Domain code knows no Next.js or React: put it in src/server/http.",
};
const noServer = { group: ["@/server/*", "**/server/*"], message: "Shared UI primitives import no server code.", allowTypeImports: true };
// A regex, not a group: gitignore-style negations cannot re-include a file under an excluded folder.
const noServerValues = {
  regex: "^@/server/(?!modules/[^/]+/[^/]+\\.schemas$|http/action-state$|http/safe-redirect$)",
  message: "Screen code may only import DTO types and schemas from src/server.",
  allowTypeImports: true,
};
const noHttp = { group: ["@/server/http/*", "**/server/http/*"], message: "Workers do not use the Next.js layer." };
const noAppCode = {
  group: ["@/server/*", "!@/server/env", "**/server/db/*", "**/server/modules/*"],
  message: "The sandbox is a separate service: it shares only the env module with the app.",
};

// Who may import whom, on resolved paths (import/no-restricted-paths). A zone forbids its `target`
// files to import anything under `from`.
const layerZones = [
  {
    target: "./src/server",
    from: ["./src/app", "./src/features", "./src/components"],
    message: "src/server is below the screens: it imports neither src/app, src/features nor src/components.",
  },
  {
    target: "./src/features",
    from: "./src/app",
    message: "src/features is below src/app: move the shared type into the feature (src/app may import it from there).",
  },
  { target: "./src/components", from: ["./src/app", "./src/features"], message: "Shared UI primitives know no route and no feature." },
  { target: "./src/workers", from: ["./src/app", "./src/features", "./src/components"], message: "The worker process has no screens." },
  {
    target: ["./src/app", "./src/features", "./src/components", "./src/server", "./src/workers"],
    from: "./src/sandbox",
    message: "The social sandbox is a separate service that only tests and the demo start; the product never imports it.",
  },
  {
    target: "./src/workers",
    from: ["src/server/pipeline/**", "src/server/modules/**"],
    except: [`${JOB_REGISTRY}.*`],
    message: `Workers reach job code only through the job registry (${JOB_REGISTRY}).`,
  },
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "src/server/db/generated/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
      ".tmp/**",
      "dist/**",
      "bench-results/**",
      "tests/unit/lint-fixtures/**",
    ],
  },
  // Type-aware rules on TypeScript files only: the JavaScript config files are outside tsconfig.json.
  ...tseslint.configs.recommendedTypeChecked.map((block) => ({ ...block, files: TS_FILES })),
  {
    files: TS_FILES,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through getEnv() in src/server/env.ts." }],
      "import/no-restricted-paths": ["error", { basePath: import.meta.dirname, zones: layerZones }],
      // Counted without blank lines and comments: the cap is about responsibilities, not layout.
      "max-lines": ["warn", { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
  { files: ["src/server/env.ts", "*.config.*", "scripts/**", "tests/**"], rules: { "no-restricted-properties": "off" } },
  {
    files: ["tests/**"],
    rules: {
      // A test file is a list of cases; splitting one by size scatters a feature's cases.
      "max-lines": ["warn", { max: 400, skipBlankLines: true, skipComments: true }],
      // vitest's asymmetric matchers (expect.any, expect.objectContaining) and Response.json() are
      // typed `any`; in a test the assertion is the check. Promise rules stay on: an un-awaited
      // expectation is a test that cannot fail.
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      // Stand-ins for async framework functions (getSessionUser, headers()) keep the async signature.
      "@typescript-eslint/require-await": "off",
    },
  },
  { files: ["src/app/**"], rules: { "no-restricted-imports": restrict([noPrisma, noDbClient]) } },
  { files: ["src/features/**"], rules: { "no-restricted-imports": restrict([noPrisma, noDbClient, noServerValues]) } },
  { files: ["src/components/**"], rules: { "no-restricted-imports": restrict([noPrisma, noServer]) } },
  { files: ["src/server/**"], ignores: ["src/server/http/**"], rules: { "no-restricted-imports": restrict([noNext]) } },
  { files: ["src/workers/**"], rules: { "no-restricted-imports": restrict([noNext, noHttp]) } },
  { files: ["src/sandbox/**"], rules: { "no-restricted-imports": restrict([noAppCode]) } },
];

export default config;
