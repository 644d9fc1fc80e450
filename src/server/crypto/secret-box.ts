import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { getEnv } from "../env";
import { AppError } from "../errors";

/**
 * Secrets at rest (OAuth tokens, channel credentials, webhook secrets): AES-256-GCM with a random
 * 96-bit IV per call, the key version written into the ciphertext, and associated data that binds
 * the ciphertext to its tenant, table, row and field.
 *
 * Ciphertext format (one ASCII string, five dot-separated parts):
 *
 *     v1.<keyVersion>.<iv b64url>.<tag b64url>.<data b64url>
 *
 *   - `v1`          format version of this string (not the key version)
 *   - `keyVersion`  positive integer naming the key in the keyring that sealed it
 *   - `iv`          12 random bytes (96 bits), fresh for every encryption
 *   - `tag`         16-byte GCM authentication tag
 *   - `data`        the encrypted UTF-8 plaintext (empty for an empty secret)
 *
 * The bytes authenticated as GCM associated data are `v1.<keyVersion>|<aad>`, where `<aad>` is
 * `tenantId|Entity|rowId|field` (see `secretAad`). So a ciphertext copied to another row, field or
 * tenant, or with its key version edited, fails to decrypt, like any tampered byte.
 *
 * Rotation: the keyring maps versions to keys; new secrets use `current`, decryption picks the key
 * named in the ciphertext. ENCRYPTION_KEY is version 1. To rotate, add the new key under a higher
 * version (an env variable in src/server/env.ts), make it current, keep the old one until
 * `rotateSecret` has re-sealed every row (`needsRotation` finds them).
 */

const FORMAT = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const B64URL = /^[A-Za-z0-9_-]*$/;

export interface Keyring {
  /** The version new secrets are sealed with. */
  readonly current: number;
  readonly keys: ReadonlyMap<number, Buffer>;
}

/** What a secret belongs to; every part is required, so a secret cannot be left unbound. */
export interface SecretBinding {
  tenantId: string;
  /** The table, e.g. "ChannelConnection". */
  entity: string;
  rowId: string;
  /** The column or purpose, e.g. "credentials", "accessToken". */
  field: string;
}

/** Canonical associated data: `tenantId|Entity|rowId|field`. Parts may not contain "|" or be empty. */
export function secretAad(binding: SecretBinding): string {
  const parts = [binding.tenantId, binding.entity, binding.rowId, binding.field];
  for (const part of parts) {
    if (!part || part.includes("|")) throw new AppError("INTERNAL", "invalid secret binding");
  }
  return parts.join("|");
}

export function createKeyring(keys: Record<number, Buffer | string>, current?: number): Keyring {
  const map = new Map<number, Buffer>();
  for (const [versionText, key] of Object.entries(keys)) {
    const version = Number(versionText);
    if (!Number.isSafeInteger(version) || version < 1) throw new Error(`key version must be a positive integer (got ${versionText})`);
    const bytes = typeof key === "string" ? Buffer.from(key, "base64") : Buffer.from(key);
    if (bytes.length !== KEY_BYTES) throw new Error(`key version ${version} must be ${KEY_BYTES} bytes`);
    map.set(version, bytes);
  }
  if (map.size === 0) throw new Error("a keyring needs at least one key");
  const chosen = current ?? Math.max(...map.keys());
  if (!map.has(chosen)) throw new Error(`the current key version ${chosen} is not in the keyring`);
  return { current: chosen, keys: map };
}

const cache = globalThis as unknown as { megaphoneKeyring?: { source: string; keyring: Keyring } };

/** The application's keyring: ENCRYPTION_KEY as version 1 (re-read if the environment changes). */
export function getKeyring(): Keyring {
  const source = getEnv().ENCRYPTION_KEY;
  if (cache.megaphoneKeyring?.source !== source) {
    cache.megaphoneKeyring = { source, keyring: createKeyring({ 1: source }, 1) };
  }
  return cache.megaphoneKeyring.keyring;
}

function associatedData(keyVersion: number, aad: string): Buffer {
  return Buffer.from(`${FORMAT}.${keyVersion}|${aad}`, "utf8");
}

export function encryptSecret(plaintext: string, aad: string, keyring: Keyring = getKeyring()): string {
  if (!aad) throw new AppError("INTERNAL", "a secret needs associated data");
  const key = keyring.keys.get(keyring.current);
  if (!key) throw new AppError("INTERNAL", "no current encryption key");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(keyring.current, aad));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [FORMAT, String(keyring.current), iv.toString("base64url"), tag.toString("base64url"), data.toString("base64url")].join(".");
}

interface ParsedCiphertext {
  keyVersion: number;
  iv: Buffer;
  tag: Buffer;
  data: Buffer;
}

function parseCiphertext(ciphertext: string): ParsedCiphertext | null {
  const parts = ciphertext.split(".");
  if (parts.length !== 5) return null;
  const [format, versionText, ivText, tagText, dataText] = parts as [string, string, string, string, string];
  if (format !== FORMAT || !/^[1-9][0-9]{0,8}$/.test(versionText)) return null;
  if (![ivText, tagText, dataText].every((p) => B64URL.test(p))) return null;
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  const data = Buffer.from(dataText, "base64url");
  // Re-encoding must give back the same text: rejects non-canonical encodings (edited padding bits).
  if (iv.toString("base64url") !== ivText || tag.toString("base64url") !== tagText || data.toString("base64url") !== dataText) return null;
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return null;
  return { keyVersion: Number(versionText), iv, tag, data };
}

/** The one error every failure turns into: it says nothing about which check failed. */
function cannotDecrypt(): AppError {
  return new AppError("INTERNAL", "cannot decrypt");
}

/**
 * Opens a ciphertext sealed for the same associated data. Any malformed part, unknown key
 * version, tampered byte, wrong key or wrong binding throws AppError INTERNAL "cannot decrypt".
 */
export function decryptSecret(ciphertext: string, aad: string, keyring: Keyring = getKeyring()): string {
  const parsed = parseCiphertext(ciphertext);
  const key = parsed ? keyring.keys.get(parsed.keyVersion) : undefined;
  if (!parsed || !key) throw cannotDecrypt();
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, parsed.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(parsed.keyVersion, aad));
    decipher.setAuthTag(parsed.tag);
    const plain = Buffer.concat([decipher.update(parsed.data), decipher.final()]);
    return plain.toString("utf8");
  } catch {
    throw cannotDecrypt();
  }
}

/** The key version a ciphertext names, or null when it is not in this format. */
export function ciphertextKeyVersion(ciphertext: string): number | null {
  return parseCiphertext(ciphertext)?.keyVersion ?? null;
}

/** True when the ciphertext was sealed with an older key than the keyring's current one. */
export function needsRotation(ciphertext: string, keyring: Keyring = getKeyring()): boolean {
  const version = ciphertextKeyVersion(ciphertext);
  return version !== null && version !== keyring.current;
}

/** Re-seals a secret under the current key (same binding). */
export function rotateSecret(ciphertext: string, aad: string, keyring: Keyring = getKeyring()): string {
  return encryptSecret(decryptSecret(ciphertext, aad, keyring), aad, keyring);
}
