import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findMigrationEdits, MigrationHistoryUnavailable } from "../../scripts/migrations/migration-edits";

// Each case builds a throwaway git repository with the project's migrations layout.
const repos: string[] = [];

function git(repo: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd: repo, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

function newRepo(): string {
  const repo = mkdtempSync(join(tmpdir(), "megaphone-migrations-"));
  repos.push(repo);
  git(repo, "init", "--quiet", "--initial-branch=main");
  git(repo, "config", "user.email", "test@example.com");
  git(repo, "config", "user.name", "Test");
  git(repo, "config", "commit.gpgsign", "false");
  return repo;
}

function write(repo: string, path: string, text: string): void {
  mkdirSync(join(repo, path, ".."), { recursive: true });
  writeFileSync(join(repo, path), text);
}

function commit(repo: string, message: string): string {
  git(repo, "add", "-A");
  git(repo, "commit", "--quiet", "-m", message);
  return git(repo, "rev-parse", "HEAD");
}

const INIT = "prisma/migrations/20260101000000_init/migration.sql";
const SECOND = "prisma/migrations/20260102000000_second/migration.sql";

function repoWithTwoMigrations(): string {
  const repo = newRepo();
  write(repo, INIT, "CREATE TABLE a (id int);\n");
  write(repo, "prisma/migrations/migration_lock.toml", 'provider = "postgresql"\n');
  commit(repo, "init");
  write(repo, SECOND, "CREATE TABLE b (id int);\n");
  commit(repo, "second");
  return repo;
}

afterEach(() => {
  for (const repo of repos.splice(0)) rmSync(repo, { recursive: true, force: true });
});

describe("findMigrationEdits", () => {
  it("accepts migrations that were only ever added, and new uncommitted ones", () => {
    const repo = repoWithTwoMigrations();
    write(repo, "prisma/migrations/20260103000000_third/migration.sql", "CREATE TABLE c (id int);\n");
    write(repo, "prisma/migrations/migration_lock.toml", 'provider = "postgresql"\n# touched\n');
    write(repo, "prisma/schema/base.prisma", "// schema files change freely\n");
    expect(findMigrationEdits(repo, [])).toEqual([]);
  });

  it("names the commit that edited a committed migration", () => {
    const repo = repoWithTwoMigrations();
    write(repo, INIT, "CREATE TABLE a (id bigint);\n");
    const edit = commit(repo, "widen a.id");
    expect(findMigrationEdits(repo, [])).toEqual([{ path: INIT, commit: edit, status: "M", subject: "widen a.id" }]);
  });

  it("catches an edit made on a branch and merged", () => {
    const repo = repoWithTwoMigrations();
    git(repo, "checkout", "--quiet", "-b", "feature");
    write(repo, SECOND, "CREATE TABLE b (id int, name text);\n");
    const edit = commit(repo, "add b.name in place");
    git(repo, "checkout", "--quiet", "main");
    write(repo, "README.md", "unrelated\n");
    commit(repo, "unrelated");
    git(repo, "merge", "--quiet", "--no-ff", "--no-edit", "feature");
    expect(findMigrationEdits(repo, [])).toEqual([{ path: SECOND, commit: edit, status: "M", subject: "add b.name in place" }]);
  });

  it("catches a deleted migration and a renamed one", () => {
    const repo = repoWithTwoMigrations();
    git(repo, "mv", "prisma/migrations/20260102000000_second", "prisma/migrations/20260102000001_second");
    unlinkSync(join(repo, INIT));
    const change = commit(repo, "tidy migrations");
    expect(findMigrationEdits(repo, []).map((e) => [e.path, e.status, e.commit])).toEqual([
      [INIT, "D", change],
      [SECOND, "D", change],
    ]);
  });

  it("catches uncommitted edits, staged or not", () => {
    const repo = repoWithTwoMigrations();
    write(repo, INIT, "-- edited\n");
    write(repo, SECOND, "-- edited\n");
    git(repo, "add", SECOND);
    expect(findMigrationEdits(repo, []).map((e) => [e.path, e.commit])).toEqual([
      [INIT, "working tree"],
      [SECOND, "working tree"],
    ]);
  });

  it("lets through only the reviewed early edit it is given, by commit and path", () => {
    const repo = repoWithTwoMigrations();
    write(repo, INIT, "CREATE TABLE a (id bigint);\n");
    write(repo, SECOND, "CREATE TABLE b (id bigint);\n");
    const edit = commit(repo, "early fix");
    expect(findMigrationEdits(repo, [{ commit: edit, path: INIT }]).map((e) => e.path)).toEqual([SECOND]);
  });

  it("refuses to answer from a shallow clone or outside git, instead of passing", () => {
    const repo = repoWithTwoMigrations();
    const shallow = mkdtempSync(join(tmpdir(), "megaphone-shallow-"));
    repos.push(shallow);
    git(shallow, "clone", "--quiet", "--depth", "1", `file://${repo}`, ".");
    expect(() => findMigrationEdits(shallow, [])).toThrow(MigrationHistoryUnavailable);
    expect(() => findMigrationEdits(shallow, [])).toThrow(/shallow clone.*git fetch --unshallow/);

    const plain = mkdtempSync(join(tmpdir(), "megaphone-nogit-"));
    repos.push(plain);
    expect(() => findMigrationEdits(plain, [])).toThrow(MigrationHistoryUnavailable);
  });
});
