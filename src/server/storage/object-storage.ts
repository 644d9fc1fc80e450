/**
 * The one storage interface of uploaded files (brand logos, reward pictures). Drivers: a local
 * directory (local-disk.storage.ts, the default) and any S3-compatible store (s3.storage.ts);
 * `getStorage()` (storage.ts) picks one from STORAGE_DRIVER. Keys are checked by
 * `assertStorageKey` (storage-key.ts) before any driver touches them.
 */
export interface StoredObject {
  bytes: Uint8Array;
  contentType: string;
}

export interface ObjectStorage {
  /** Stores the bytes under the key, replacing what was there. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The bytes and content type stored under the key, or null when there is none. */
  get(key: string): Promise<StoredObject | null>;
  /** Removes the key; a key that is not there is no error. */
  delete(key: string): Promise<void>;
}

/** A bare `type/subtype`: nothing a header could be split or extended with. */
const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/;

export function assertContentType(contentType: string): void {
  if (!CONTENT_TYPE.test(contentType)) throw new Error(`not a storable content type: ${JSON.stringify(contentType)}`);
}
