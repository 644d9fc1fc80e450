import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  ciphertextKeyVersion,
  createKeyring,
  decryptSecret,
  encryptSecret,
  needsRotation,
  rotateSecret,
  secretAad,
} from "../../../src/server/crypto/secret-box";
import { AppError } from "../../../src/server/errors";

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const ring = createKeyring({ 1: keyA });
const aad = secretAad({ tenantId: "ten_a", entity: "ChannelConnection", rowId: "chc_1", field: "credentials" });
const secret = '{"kind":"bearer","bearerToken":"AAAA-sécret-🔑"}';

function expectCannotDecrypt(run: () => unknown) {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe("INTERNAL");
  expect((caught as AppError).message).toBe("cannot decrypt");
  expect((caught as AppError).cause).toBeUndefined();
}

/** Rebuilds a ciphertext after changing one decoded byte of part `index` (2 = iv, 3 = tag, 4 = data). */
function flipByte(ciphertext: string, index: 2 | 3 | 4, byte: number): string {
  const parts = ciphertext.split(".");
  const bytes = Buffer.from(parts[index]!, "base64url");
  bytes[byte] = bytes[byte]! ^ 0x01;
  parts[index] = bytes.toString("base64url");
  return parts.join(".");
}

describe("secret box (AES-256-GCM)", () => {
  it("round-trips text, including unicode and the empty string", () => {
    const sealed = encryptSecret(secret, aad, ring);
    expect(decryptSecret(sealed, aad, ring)).toBe(secret);
    expect(decryptSecret(encryptSecret("", aad, ring), aad, ring)).toBe("");
  });

  it("writes v1.<keyVersion>.<iv>.<tag>.<data> with a 96-bit IV and a 128-bit tag, and no plaintext", () => {
    const sealed = encryptSecret(secret, aad, ring);
    const parts = sealed.split(".");
    expect(parts).toHaveLength(5);
    expect(parts[0]).toBe("v1");
    expect(parts[1]).toBe("1");
    expect(Buffer.from(parts[2]!, "base64url")).toHaveLength(12);
    expect(Buffer.from(parts[3]!, "base64url")).toHaveLength(16);
    expect(Buffer.from(parts[4]!, "base64url")).toHaveLength(Buffer.byteLength(secret));
    expect(sealed).not.toContain("bearer");
    expect(sealed).toMatch(/^[A-Za-z0-9_.-]+$/);
  });

  it("uses a fresh IV on every call, so equal secrets give different ciphertexts", () => {
    const sealed = Array.from({ length: 50 }, () => encryptSecret(secret, aad, ring));
    expect(new Set(sealed.map((s) => s.split(".")[2])).size).toBe(50);
    expect(new Set(sealed).size).toBe(50);
  });

  it("refuses a ciphertext with any single byte of IV, tag or data changed", () => {
    const sealed = encryptSecret("short secret", aad, ring);
    const parts = sealed.split(".");
    let attempts = 0;
    for (const index of [2, 3, 4] as const) {
      const length = Buffer.from(parts[index]!, "base64url").length;
      for (let byte = 0; byte < length; byte++) {
        expectCannotDecrypt(() => decryptSecret(flipByte(sealed, index, byte), aad, ring));
        attempts++;
      }
    }
    expect(attempts).toBe(12 + 16 + "short secret".length);
  });

  it("refuses any single changed character of the text form", () => {
    const sealed = encryptSecret("abc", aad, ring);
    for (let i = 0; i < sealed.length; i++) {
      const replacement = sealed[i] === "A" ? "B" : "A";
      const edited = sealed.slice(0, i) + replacement + sealed.slice(i + 1);
      expectCannotDecrypt(() => decryptSecret(edited, aad, ring));
    }
  });

  it("refuses truncated, extended and malformed ciphertexts", () => {
    const sealed = encryptSecret(secret, aad, ring);
    for (const bad of [
      sealed.slice(0, -1),
      `${sealed}A`,
      `${sealed}.x`,
      sealed.replace(/^v1/, "v2"),
      "",
      "v1.1",
      "not a ciphertext",
      sealed.replace(/^v1\.1/, "v1.01"),
    ]) {
      expectCannotDecrypt(() => decryptSecret(bad, aad, ring));
    }
  });

  it("refuses the wrong associated data: another tenant, row, table or field", () => {
    const sealed = encryptSecret(secret, aad, ring);
    const others = [
      { tenantId: "ten_b", entity: "ChannelConnection", rowId: "chc_1", field: "credentials" },
      { tenantId: "ten_a", entity: "ChannelConnection", rowId: "chc_2", field: "credentials" },
      { tenantId: "ten_a", entity: "SocialProfile", rowId: "chc_1", field: "credentials" },
      { tenantId: "ten_a", entity: "ChannelConnection", rowId: "chc_1", field: "accessToken" },
    ];
    for (const binding of others) expectCannotDecrypt(() => decryptSecret(sealed, secretAad(binding), ring));
    expect(decryptSecret(sealed, aad, ring)).toBe(secret);
  });

  it("refuses the wrong key, and a key version that is not in the keyring", () => {
    const sealed = encryptSecret(secret, aad, ring);
    expectCannotDecrypt(() => decryptSecret(sealed, aad, createKeyring({ 1: keyB })));
    expectCannotDecrypt(() => decryptSecret(sealed, aad, createKeyring({ 2: keyA })));
  });

  it("binds the key version: relabelling a v1 ciphertext as key 2 fails even when key 2 is the same key", () => {
    const twoVersionsSameKey = createKeyring({ 1: keyA, 2: keyA }, 1);
    const sealed = encryptSecret(secret, aad, twoVersionsSameKey);
    expectCannotDecrypt(() => decryptSecret(sealed.replace(/^v1\.1\./, "v1.2."), aad, twoVersionsSameKey));
  });

  it("rotates: new secrets use the current version, old ones still open and can be re-sealed", () => {
    const old = encryptSecret(secret, aad, ring);
    const rotated = createKeyring({ 1: keyA, 2: keyB });
    expect(rotated.current).toBe(2);
    expect(ciphertextKeyVersion(old)).toBe(1);
    expect(needsRotation(old, rotated)).toBe(true);
    expect(decryptSecret(old, aad, rotated)).toBe(secret);
    const resealed = rotateSecret(old, aad, rotated);
    expect(ciphertextKeyVersion(resealed)).toBe(2);
    expect(needsRotation(resealed, rotated)).toBe(false);
    expect(decryptSecret(resealed, aad, createKeyring({ 2: keyB }))).toBe(secret);
    expectCannotDecrypt(() => decryptSecret(resealed, aad, ring));
  });

  it("validates keys and bindings", () => {
    expect(() => createKeyring({ 1: randomBytes(16) })).toThrow(/32 bytes/);
    expect(() => createKeyring({ 0: keyA })).toThrow(/positive integer/);
    expect(() => createKeyring({ 1: keyA }, 3)).toThrow(/not in the keyring/);
    expect(() => createKeyring({})).toThrow(/at least one key/);
    expect(() => secretAad({ tenantId: "ten|x", entity: "E", rowId: "r", field: "f" })).toThrow(AppError);
    expect(() => secretAad({ tenantId: "", entity: "E", rowId: "r", field: "f" })).toThrow(AppError);
    expect(() => encryptSecret(secret, "", ring)).toThrow(AppError);
  });
});
