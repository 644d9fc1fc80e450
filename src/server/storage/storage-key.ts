/**
 * What a storage key may be: up to 6 segments of letters, digits, "_" and "-" joined by "/", the
 * last with at most one ".ext". No "." or ".." segment, no leading "/", no backslash, no
 * percent-encoding and nothing outside ASCII can pass, so a key names a file inside the local
 * driver's directory and one object of the bucket, whatever a caller or a URL hands in.
 */
const SEGMENT = "[A-Za-z0-9][A-Za-z0-9_-]{0,79}";
const STORAGE_KEY = new RegExp(`^(?:${SEGMENT}/){0,5}${SEGMENT}(?:\\.[a-z0-9]{1,8})?$`);

export const MAX_STORAGE_KEY_LENGTH = 255;

export function isStorageKey(key: unknown): key is string {
  return typeof key === "string" && key.length <= MAX_STORAGE_KEY_LENGTH && STORAGE_KEY.test(key);
}

export class StorageKeyError extends Error {
  override name = "StorageKeyError";
}

export function assertStorageKey(key: unknown): asserts key is string {
  if (!isStorageKey(key)) throw new StorageKeyError(`not a storage key: ${JSON.stringify(String(key).slice(0, 80))}`);
}
