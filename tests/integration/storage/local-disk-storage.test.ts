import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalDiskStorage } from "../../../src/server/storage/local-disk.storage";
import { StorageKeyError } from "../../../src/server/storage/storage-key";
import { pngBytes } from "../support/test-images";

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), "megaphone-storage-"));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe("local disk storage", () => {
  it("creates its directory on demand and round-trips bytes and content type", async () => {
    const root = join(base, "not", "yet", "there");
    const storage = new LocalDiskStorage(root);
    const bytes = pngBytes(3, 2);
    await storage.put("ten_a/logo/abc.png", bytes, "image/png");
    expect((await stat(root)).isDirectory()).toBe(true);
    const read = await storage.get("ten_a/logo/abc.png");
    expect(read?.contentType).toBe("image/png");
    expect(Buffer.from(read!.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(Buffer.from(await readFile(join(root, "ten_a", "logo", "abc.png"))).equals(Buffer.from(bytes))).toBe(true);
  });

  it("answers null for a missing key, replaces on put, and deletes (twice without error)", async () => {
    const storage = new LocalDiskStorage(join(base, "replace"));
    expect(await storage.get("a/missing.png")).toBeNull();
    expect(await storage.get("a")).toBeNull();
    await storage.put("a/b.gif", new Uint8Array([1, 2, 3]), "image/gif");
    await storage.put("a/b.gif", new Uint8Array([4, 5]), "image/webp");
    expect(await storage.get("a/b.gif")).toEqual({ bytes: new Uint8Array([4, 5]), contentType: "image/webp" });
    await storage.delete("a/b.gif");
    await storage.delete("a/b.gif");
    expect(await storage.get("a/b.gif")).toBeNull();
    // No temporary or sidecar file is left behind.
    expect(await readdir(join(base, "replace", "a"))).toEqual([]);
  });

  it("refuses keys that would leave its directory, before touching the disk", async () => {
    const root = join(base, "jail");
    const storage = new LocalDiskStorage(root);
    await writeFile(join(base, "secret.txt"), "outside");
    for (const key of ["../secret.txt", "a/../../secret.txt", "/etc/passwd", "..\\secret.txt", "%2e%2e/secret.txt", ""]) {
      await expect(storage.get(key), key).rejects.toThrow(StorageKeyError);
      await expect(storage.put(key, new Uint8Array([1]), "image/png"), key).rejects.toThrow(StorageKeyError);
      await expect(storage.delete(key), key).rejects.toThrow(StorageKeyError);
    }
    expect(await readFile(join(base, "secret.txt"), "utf8")).toBe("outside");
  });

  it("refuses a content type that could split or extend a header", async () => {
    const storage = new LocalDiskStorage(join(base, "types"));
    for (const type of ["text/html\r\nSet-Cookie: a=b", "image/png; charset=utf-8", "", "png"]) {
      await expect(storage.put("a/b.png", new Uint8Array([1]), type), type).rejects.toThrow(/content type/);
    }
  });
});
