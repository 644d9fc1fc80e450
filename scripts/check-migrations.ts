// npm run check:migrations — fails when a committed migration was edited, deleted or renamed.
import { findMigrationEdits, MigrationHistoryUnavailable } from "./migrations/migration-edits";

const STATUS: Record<string, string> = { M: "modified", D: "deleted", A: "added again", T: "changed type" };

try {
  const edits = findMigrationEdits(process.cwd());
  if (edits.length === 0) {
    console.log("migrations: every committed migration is as it was added");
  } else {
    console.error("An applied migration must never change; write a new migration instead (npm run db:migration -- <name>).");
    for (const e of edits) console.error(`  ${e.path}: ${STATUS[e.status] ?? e.status} in ${e.commit.slice(0, 12)} (${e.subject})`);
    process.exit(1);
  }
} catch (error) {
  if (!(error instanceof MigrationHistoryUnavailable)) throw error;
  console.error(`migrations: cannot check — ${error.message}`);
  process.exit(1);
}
