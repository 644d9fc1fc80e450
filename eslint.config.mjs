import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * Lint also enforces the layering of docs/ARCHITECTURE.md: who may import whom, and that only
 * src/server/env.ts reads process.env.
 */
const restrict = (patterns) => ["error", { patterns }];

const noPrisma = { group: ["**/db/generated/*", "**/db/generated", "@prisma/client", "@prisma/client/*"], message: "Only src/server talks to Prisma." };
const noDbClient = { group: ["@/server/db/client", "**/server/db/client"], message: "Routes and UI go through domain services, never the database client." };
const noNext = { group: ["next", "next/*", "next-auth", "next-auth/*", "react", "react-dom", "react/*"], message: "Domain code knows no Next.js or React: put it in src/server/http." };
const noServer = { group: ["@/server/*", "**/server/*"], message: "Shared UI primitives import no server code.", allowTypeImports: true };
// A regex, not a group: gitignore-style negations cannot re-include a file under an excluded folder.
const noServerValues = { regex: "^@/server/(?!modules/[^/]+/[^/]+\\.schemas$|http/action-state$|http/safe-redirect$)", message: "Screen code may only import DTO types and schemas from src/server.", allowTypeImports: true };
const noHttp = { group: ["@/server/http/*", "**/server/http/*"], message: "Workers do not use the Next.js layer." };
const noAppCode = { group: ["@/server/*", "!@/server/env", "**/server/db/*", "**/server/modules/*"], message: "The sandbox is a separate service: it shares only the env module with the app." };

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", "src/server/db/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**", ".tmp/**"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through getEnv() in src/server/env.ts." }],
    },
  },
  { files: ["src/server/env.ts", "*.config.*", "scripts/**", "tests/**"], rules: { "no-restricted-properties": "off" } },
  { files: ["src/app/**"], rules: { "no-restricted-imports": restrict([noPrisma, noDbClient]) } },
  { files: ["src/features/**"], rules: { "no-restricted-imports": restrict([noPrisma, noDbClient, noServerValues]) } },
  { files: ["src/components/**"], rules: { "no-restricted-imports": restrict([noPrisma, noServer]) } },
  { files: ["src/server/**"], ignores: ["src/server/http/**"], rules: { "no-restricted-imports": restrict([noNext]) } },
  { files: ["src/workers/**"], rules: { "no-restricted-imports": restrict([noNext, noHttp]) } },
  { files: ["src/sandbox/**"], rules: { "no-restricted-imports": restrict([noAppCode]) } },
];

export default config;
