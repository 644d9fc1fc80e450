import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { resetEnvCache } from "../../../src/server/env";

/** Points the local storage driver at a fresh temporary directory for this test file; returns its path. */
export function withTemporaryStorage(): { dir: () => string } {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "megaphone-media-"));
    process.env.STORAGE_DRIVER = "local";
    process.env.STORAGE_LOCAL_DIR = dir;
    resetEnvCache();
  });
  afterAll(async () => {
    delete process.env.STORAGE_LOCAL_DIR;
    resetEnvCache();
    await rm(dir, { recursive: true, force: true });
  });
  return { dir: () => dir };
}
