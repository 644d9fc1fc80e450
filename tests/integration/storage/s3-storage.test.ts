import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseEnv, resetEnvCache } from "../../../src/server/env";
import { S3Storage, S3StorageError, type S3StorageConfig } from "../../../src/server/storage/s3.storage";
import { getStorage, storageFromEnv } from "../../../src/server/storage/storage";
import { storeImage, readPublicMedia } from "../../../src/server/storage/store-image";
import { createTenantWithMember } from "../support/factories";
import { startS3TestServer, type S3TestServer } from "../support/s3-test-server";
import { pngBytes } from "../support/test-images";

// The S3 driver against an in-process S3-compatible server that verifies every request's
// Signature V4 (tests/integration/support/s3-test-server.ts; its verifier is held to AWS's
// published examples in tests/unit/storage/sigv4-verifier.test.ts). No real S3 or MinIO runs here.

let server: S3TestServer;
let config: S3StorageConfig;
beforeAll(async () => {
  server = await startS3TestServer();
  config = {
    endpoint: server.endpoint,
    region: server.region,
    bucket: server.bucket,
    accessKeyId: server.accessKeyId,
    secretAccessKey: server.secretAccessKey,
    forcePathStyle: true,
  };
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  server.requests.length = 0;
});

describe("S3 storage driver", () => {
  it("puts, gets and deletes an object with signed requests, path-style", async () => {
    const storage = new S3Storage(config);
    const bytes = pngBytes(4, 4);
    await storage.put("ten_x/logo/0a1b.png", bytes, "image/png");
    expect(server.objects.get("ten_x/logo/0a1b.png")?.contentType).toBe("image/png");
    const read = await storage.get("ten_x/logo/0a1b.png");
    expect(read?.contentType).toBe("image/png");
    expect(Buffer.from(read!.bytes).equals(Buffer.from(bytes))).toBe(true);
    await storage.delete("ten_x/logo/0a1b.png");
    expect(server.objects.has("ten_x/logo/0a1b.png")).toBe(false);
    expect(await storage.get("ten_x/logo/0a1b.png")).toBeNull();
    await storage.delete("ten_x/logo/0a1b.png");

    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `PUT /${server.bucket}/ten_x/logo/0a1b.png`,
      `GET /${server.bucket}/ten_x/logo/0a1b.png`,
      `DELETE /${server.bucket}/ten_x/logo/0a1b.png`,
      `GET /${server.bucket}/ten_x/logo/0a1b.png`,
      `DELETE /${server.bucket}/ten_x/logo/0a1b.png`,
    ]);
    expect(server.requests.every((r) => r.verdict.ok)).toBe(true);
    // The upload's payload hash is signed, not UNSIGNED-PAYLOAD: the server checked it against the body.
    expect(server.requests[0]!.signedHeaders.split(";")).toEqual(expect.arrayContaining(["host", "x-amz-content-sha256", "x-amz-date", "content-type"]));
  });

  it("reports a refused signature as an error, never as a missing object", async () => {
    const storage = new S3Storage({ ...config, secretAccessKey: "not-the-secret" });
    await expect(storage.get("a/b.png")).rejects.toMatchObject({ name: "S3StorageError", status: 403, code: "SignatureDoesNotMatch" });
    await expect(storage.put("a/b.png", pngBytes(1, 1), "image/png")).rejects.toBeInstanceOf(S3StorageError);
    expect(server.objects.has("a/b.png")).toBe(false);
    const wrongBucket = new S3Storage({ ...config, bucket: "someone-elses" });
    await expect(wrongBucket.put("a/b.png", pngBytes(1, 1), "image/png")).rejects.toMatchObject({ status: 404, code: "NoSuchBucket" });
  });

  it("is what STORAGE_DRIVER=s3 selects, and storeImage and the media reader work through it", async () => {
    const base = {
      DATABASE_URL: process.env.DATABASE_URL,
      REDIS_URL: process.env.REDIS_URL,
      NEXTAUTH_SECRET: "x".repeat(40),
      ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
    };
    expect(() => parseEnv({ ...base, STORAGE_DRIVER: "s3" })).toThrow(/S3_BUCKET: is required when STORAGE_DRIVER=s3/);
    const s3Env = {
      STORAGE_DRIVER: "s3",
      S3_ENDPOINT: server.endpoint,
      S3_REGION: server.region,
      S3_BUCKET: server.bucket,
      S3_ACCESS_KEY_ID: server.accessKeyId,
      S3_SECRET_ACCESS_KEY: server.secretAccessKey,
      S3_FORCE_PATH_STYLE: "true",
    };
    expect(storageFromEnv(parseEnv({ ...base, ...s3Env }))).toBeInstanceOf(S3Storage);

    const saved = { ...process.env };
    Object.assign(process.env, s3Env);
    resetEnvCache();
    try {
      expect(getStorage()).toBeInstanceOf(S3Storage);
      const { ctx } = await createTenantWithMember("ADMIN");
      const key = await storeImage(ctx, "reward", new Blob([pngBytes(2, 2) as Uint8Array<ArrayBuffer>]));
      expect(server.objects.get(key)?.contentType).toBe("image/png");
      expect((await readPublicMedia(key))?.contentType).toBe("image/png");
    } finally {
      for (const name of Object.keys(s3Env)) delete process.env[name];
      Object.assign(process.env, saved);
      resetEnvCache();
    }
  });
});
