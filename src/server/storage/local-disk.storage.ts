import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, resolve, sep } from "node:path";
import { assertContentType, type ObjectStorage, type StoredObject } from "./object-storage";
import { assertStorageKey, StorageKeyError } from "./storage-key";

/**
 * Files in one directory (STORAGE_LOCAL_DIR), created on demand. Each object is two files: the
 * bytes at `<dir>/<key>` and its content type at `<dir>/<key>~type`; "~" cannot occur in a key,
 * so a sidecar or a temporary file never collides with another key. Writes go to a temporary
 * file first and are renamed into place, so a reader sees the old object or the new, never half.
 */
export class LocalDiskStorage implements ObjectStorage {
  readonly root: string;

  constructor(directory: string) {
    this.root = resolve(directory);
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    assertContentType(contentType);
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    await this.writeAtomically(`${path}~type`, contentType);
    await this.writeAtomically(path, bytes);
  }

  async get(key: string): Promise<StoredObject | null> {
    const path = this.pathOf(key);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    const contentType = await readFile(`${path}~type`, "utf8").catch((error: unknown) => {
      if (isMissing(error)) return "application/octet-stream";
      throw error;
    });
    return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), contentType: contentType.trim() };
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    await rm(path, { force: true });
    await rm(`${path}~type`, { force: true });
  }

  /** The key's file, proven to lie inside the root (the key grammar already forbids escapes; this is the second lock). */
  private pathOf(key: string): string {
    assertStorageKey(key);
    const path = resolve(this.root, ...key.split("/"));
    if (!path.startsWith(this.root + sep)) throw new StorageKeyError("storage key leaves the storage directory");
    return path;
  }

  private async writeAtomically(path: string, data: Uint8Array | string): Promise<void> {
    const temporary = `${path}.${randomBytes(6).toString("hex")}~tmp`;
    try {
      await writeFile(temporary, data, { flag: "wx" });
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}

function isMissing(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error.code === "ENOENT" || error.code === "ENOTDIR");
}
