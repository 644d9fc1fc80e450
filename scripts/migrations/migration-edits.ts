import { execFileSync } from "node:child_process";

/**
 * An applied migration is never edited: Prisma records each one's checksum where it ran, and a
 * database that applied the old text never sees the new one. Git history says which migrations
 * were committed; once committed, a migration's files may only have been added, never modified,
 * deleted or renamed (in a later commit or in the working tree). A schema change is a new migration.
 */

export const MIGRATIONS_DIR = "prisma/migrations";

/** A change to a committed migration file. `commit` is "working tree" for uncommitted edits. */
export type MigrationEdit = { path: string; commit: string; status: string; subject: string };

/**
 * Edits made before this check existed, each one reviewed: none of them reached a database that
 * was not thrown away. Never add to this list; write a new migration instead.
 */
export const REVIEWED_EARLY_EDITS: ReadonlyArray<{ commit: string; path: string }> = [
  // The init migration, amended on the day it was written, before anything was deployed.
  { commit: "1a29a0c2b8b1cedb43bdebcd95a2c88c181fcb4a", path: "prisma/migrations/20261122195349_init/migration.sql" },
];

export class MigrationHistoryUnavailable extends Error {}

function git(cwd: string, args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
}

/** Files inside a migration's folder (not the folder's migration_lock.toml, which Prisma rewrites). */
function isMigrationFile(path: string): boolean {
  return path.startsWith(`${MIGRATIONS_DIR}/`) && path.slice(MIGRATIONS_DIR.length + 1).includes("/");
}

/**
 * Every change to a committed migration file after the commit that added it, oldest first, plus
 * uncommitted changes to committed ones. Throws MigrationHistoryUnavailable when the checkout
 * cannot prove it (not a git checkout, or a shallow clone whose history is cut).
 */
export function findMigrationEdits(repoDir: string, reviewed = REVIEWED_EARLY_EDITS): MigrationEdit[] {
  try {
    git(repoDir, ["rev-parse", "--verify", "HEAD"]);
  } catch {
    throw new MigrationHistoryUnavailable(`${repoDir} is not a git checkout with commits: the history that proves migrations unedited is missing.`);
  }
  if (git(repoDir, ["rev-parse", "--is-shallow-repository"]).trim() === "true") {
    throw new MigrationHistoryUnavailable(
      "This is a shallow clone: the commits that added the migrations may be cut off. Fetch the full history (`git fetch --unshallow`, or `fetch-depth: 0` in CI) and run again.",
    );
  }

  // Oldest first; merge commits list no files by default, so each change is seen once, where it was made.
  const log = git(repoDir, ["log", "--reverse", "--no-renames", "--format=%x01%H%x02%s", "--name-status", "--", `${MIGRATIONS_DIR}/`]);
  const added = new Set<string>();
  const edits: MigrationEdit[] = [];
  for (const block of log.split("\x01").filter(Boolean)) {
    const [header = "", ...lines] = block.split("\n");
    const [commit = "", subject = ""] = header.split("\x02");
    for (const line of lines) {
      const [status = "", path = ""] = line.split("\t");
      if (!status || !isMigrationFile(path)) continue;
      if (status === "A" && !added.has(path)) {
        added.add(path);
        continue;
      }
      if (reviewed.some((r) => r.commit === commit && r.path === path)) continue;
      edits.push({ path, commit, status, subject });
    }
  }

  // Uncommitted: a committed migration changed in the index or the working tree.
  const status = git(repoDir, ["status", "--porcelain=v1", "--no-renames", "--untracked-files=no", "--", `${MIGRATIONS_DIR}/`]);
  for (const line of status.split("\n").filter(Boolean)) {
    const path = line.slice(3);
    if (isMigrationFile(path) && added.has(path)) edits.push({ path, commit: "working tree", status: line.slice(0, 2).trim(), subject: "not committed yet" });
  }
  return edits;
}
