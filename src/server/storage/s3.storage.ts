import { createHash } from "node:crypto";
import { AwsClient } from "aws4fetch";
import { assertContentType, type ObjectStorage, type StoredObject } from "./object-storage";
import { assertStorageKey } from "./storage-key";

export interface S3StorageConfig {
  /** e.g. https://s3.eu-west-1.amazonaws.com, http://127.0.0.1:9000 (MinIO); empty: AWS in `region`. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** ENDPOINT/BUCKET/KEY instead of BUCKET.ENDPOINT/KEY. */
  forcePathStyle: boolean;
}

/** The object's URL: virtual-hosted (bucket in the host name) unless path-style is asked for. */
export function s3ObjectUrl(config: S3StorageConfig, key: string): string {
  assertStorageKey(key);
  const endpoint = new URL(config.endpoint ?? `https://s3.${config.region}.amazonaws.com`);
  const base = endpoint.pathname.replace(/\/+$/, "");
  // The key grammar allows only [A-Za-z0-9_./-], which S3's URI encoding leaves as they are.
  if (config.forcePathStyle) return `${endpoint.origin}${base}/${encodeURIComponent(config.bucket)}/${key}`;
  return `${endpoint.protocol}//${config.bucket}.${endpoint.host}${base}/${key}`;
}

/**
 * Any S3-compatible store, over its REST API with Signature Version 4 (aws4fetch signs; the
 * payload hash is computed here, so what is stored is what was signed). Three calls only:
 * PutObject, GetObject, DeleteObject. A missing key is a 404; on AWS that needs s3:ListBucket on
 * the bucket (without it S3 answers 403 for a missing key, which is reported as the error it is).
 */
export class S3Storage implements ObjectStorage {
  private readonly client: AwsClient;

  constructor(private readonly config: S3StorageConfig) {
    this.client = new AwsClient({
      accessKeyId: config.accessKeyId,
      secretAccessKey: config.secretAccessKey,
      service: "s3",
      region: config.region,
      // aws4fetch retries 5xx and 429 with backoff; a request of an upload form should not wait long.
      retries: 2,
    });
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    assertContentType(contentType);
    const response = await this.client.fetch(s3ObjectUrl(this.config, key), {
      method: "PUT",
      body: bytes as Uint8Array<ArrayBuffer>,
      headers: { "content-type": contentType, "x-amz-content-sha256": createHash("sha256").update(bytes).digest("hex") },
      // aws4fetch leaves Content-Type out of the signature by default; it is what the media route
      // serves the image as, so it is signed too (the headers set here are all there is to sign).
      aws: { allHeaders: true },
    });
    await expectOk(response, "PutObject");
  }

  async get(key: string): Promise<StoredObject | null> {
    const response = await this.client.fetch(s3ObjectUrl(this.config, key), { method: "GET" });
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    await expectOk(response, "GetObject", false);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { bytes, contentType: response.headers.get("content-type") ?? "application/octet-stream" };
  }

  async delete(key: string): Promise<void> {
    const response = await this.client.fetch(s3ObjectUrl(this.config, key), { method: "DELETE" });
    if (response.status === 404) return void (await response.body?.cancel());
    await expectOk(response, "DeleteObject");
  }
}

export class S3StorageError extends Error {
  override name = "S3StorageError";
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly code: string | null,
  ) {
    super(`S3 ${operation} failed: HTTP ${status}${code ? ` ${code}` : ""}`);
  }
}

async function expectOk(response: Response, operation: string, consume = true): Promise<void> {
  if (response.ok) {
    if (consume) await response.body?.cancel();
    return;
  }
  const text = await response.text().catch(() => "");
  throw new S3StorageError(operation, response.status, /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1] ?? null);
}
