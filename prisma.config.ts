import { defineConfig } from "prisma/config";

// Prisma 7 reads its settings from here. Migrations run through scripts/db-migrate.ts (the
// WASM schema engine works offline); with internet, `npx prisma migrate deploy` applies the
// same folders.
export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
  datasource: {
    url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/megaphone",
  },
});
