import { describe, expect, it } from "vitest";
import { assertStorageKey, isStorageKey, MAX_STORAGE_KEY_LENGTH, StorageKeyError } from "../../../src/server/storage/storage-key";
import { s3ObjectUrl } from "../../../src/server/storage/s3.storage";

describe("storage keys", () => {
  it("accepts the keys storeImage makes and other plain paths", () => {
    for (const key of [`ten_${"a".repeat(32)}/logo/${"0f".repeat(16)}.png`, "a", "a/b/c.webp", "A-b_c/D9", "x/y.jpeg"]) {
      expect(isStorageKey(key), key).toBe(true);
    }
  });

  it("refuses anything that could leave the storage directory or name another object", () => {
    const refused = [
      "",
      "../etc/passwd",
      "a/../../b",
      "a/./b",
      "./a",
      "/abs/path",
      "a//b",
      "a/",
      "a\\..\\b",
      "..",
      ".",
      ".hidden",
      "a/.env",
      "%2e%2e/x",
      "a%2Fb",
      "a/b.",
      "a.b.c",
      "a/b.PNG",
      "-leading",
      "_leading",
      "C:/x",
      "a\u0000b",
      "a b",
      "ünïcode",
      "a/b~type",
      "a/b.png~tmp",
      "a/b/c/d/e/f/g",
      `a/${"b".repeat(MAX_STORAGE_KEY_LENGTH)}`,
    ];
    for (const key of refused) {
      expect(isStorageKey(key), JSON.stringify(key)).toBe(false);
      expect(() => assertStorageKey(key), JSON.stringify(key)).toThrow(StorageKeyError);
    }
    for (const notAString of [undefined, null, 1, ["a"], { key: "a" }]) expect(isStorageKey(notAString)).toBe(false);
  });

  it("builds path-style and virtual-hosted S3 URLs without re-encoding the key", () => {
    const base = { region: "eu-west-1", bucket: "media", accessKeyId: "k", secretAccessKey: "s" };
    expect(s3ObjectUrl({ ...base, forcePathStyle: false }, "t/logo/a.png")).toBe("https://media.s3.eu-west-1.amazonaws.com/t/logo/a.png");
    expect(s3ObjectUrl({ ...base, endpoint: "http://127.0.0.1:9000", forcePathStyle: true }, "t/logo/a.png")).toBe("http://127.0.0.1:9000/media/t/logo/a.png");
    expect(s3ObjectUrl({ ...base, endpoint: "https://gw.example/s3/", forcePathStyle: true }, "a.gif")).toBe("https://gw.example/s3/media/a.gif");
    expect(() => s3ObjectUrl({ ...base, forcePathStyle: true }, "../other-bucket/x")).toThrow(StorageKeyError);
  });
});
