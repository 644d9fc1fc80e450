// npm run check:migrations — fails when a committed migration was edited, deleted or renamed.
import { execFileSync } from "node:child_process";
import { findMigrationEdits, MigrationHistoryUnavailable } from "./migrations/migration-edits";

const STATUS: Record<string, string> = { M: "modified", D: "deleted", A: "added again", T: "changed type" };

/** A shallow clone (a CI checkout with a depth) can often fetch the rest of its history. */
function tryUnshallow(): boolean {
  try {
    if (execFileSync("git", ["rev-parse", "--is-shallow-repository"], { encoding: "utf8" }).trim() !== "true") return false;
    execFileSync("git", ["fetch", "--quiet", "--unshallow"], { stdio: "ignore", timeout: 120_000 });
    return true;
  } catch {
    return false;
  }
}

function check(): void {
  const edits = findMigrationEdits(process.cwd());
  if (edits.length === 0) {
    console.log("migrations: every committed migration is as it was added");
    return;
  }
  console.error("An applied migration must never change; write a new migration instead (npm run db:migration -- <name>).");
  for (const e of edits) console.error(`  ${e.path}: ${STATUS[e.status] ?? e.status} in ${e.commit.slice(0, 12)} (${e.subject})`);
  process.exit(1);
}

try {
  check();
} catch (error) {
  if (!(error instanceof MigrationHistoryUnavailable)) throw error;
  if (tryUnshallow()) {
    check();
  } else {
    // Without the history nothing can be proved either way; say so loudly rather than fail a
    // checkout that cannot be fixed from here (a tarball, a shallow clone of an unreachable remote).
    console.warn(`migrations: NOT CHECKED — ${error.message}`);
  }
}
