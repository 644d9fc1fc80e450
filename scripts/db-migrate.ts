// npm run db:migrate — creates the database if needed and applies prisma/migrations.
import { getEnv } from "../src/server/env";
import { applyMigrations, ensureDatabase } from "../src/server/db/migrations/migrate";

const { DATABASE_URL } = getEnv();
const created = await ensureDatabase(DATABASE_URL);
if (created) console.log(`created database ${new URL(DATABASE_URL).pathname.slice(1)}`);
const applied = await applyMigrations(DATABASE_URL);
console.log(applied.length ? `applied ${applied.length} migration(s): ${applied.join(", ")}` : "database is up to date");
