import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small S3-compatible server on loopback for the S3 driver's tests: PutObject, GetObject and
 * DeleteObject on one bucket, path-style or virtual-hosted, held in memory. Every request must
 * carry a valid AWS Signature Version 4 (header form), checked here by an implementation written
 * from AWS's specification independently of the client's signer (aws4fetch) and held to AWS's
 * published example signatures (tests/unit/storage/sigv4-verifier.test.ts): the canonical
 * request, the scope (date, region, "s3"), a 15-minute clock window, and the payload hash
 * against the body actually received.
 *
 * Why not a real one: no maintained S3-compatible server runs in-process from npm (s3rver, the
 * one that exists, is unmaintained), and nothing may be downloaded here (MinIO is a binary).
 */
export interface SignedRequest {
  method: string;
  /** The path and query exactly as sent. */
  rawUrl: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type Verdict = { ok: true; accessKeyId: string } | { ok: false; code: string; reason: string };

const EMPTY_SHA256 = createHash("sha256").update("").digest("hex");
const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - . _ ~ percent-encoded, upper-case hex. */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalQuery(query: string): string {
  if (!query) return "";
  return query
    .split("&")
    .filter(Boolean)
    .map((pair) => {
      const [k = "", v = ""] = pair.split(/=(.*)/s);
      return [uriEncode(decodeURIComponent(k.replace(/\+/g, "%20"))), uriEncode(decodeURIComponent(v.replace(/\+/g, "%20")))] as const;
    })
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

export function verifySigV4(
  request: SignedRequest,
  credentials: { accessKeyId: string; secretAccessKey: string; region: string },
  now: Date | null = new Date(),
): Verdict {
  const deny = (code: string, reason: string): Verdict => ({ ok: false, code, reason });
  const auth = AUTH.exec(headerValue(request.headers, "authorization") ?? "");
  if (!auth) return deny("AccessDenied", "no AWS4-HMAC-SHA256 Authorization header");
  const [, accessKeyId, scopeDate, region, service, signedList, signature] = auth as unknown as string[];
  if (accessKeyId !== credentials.accessKeyId) return deny("InvalidAccessKeyId", "unknown access key");
  if (region !== credentials.region || service !== "s3") return deny("AuthorizationHeaderMalformed", "wrong region or service in the scope");
  const signed = signedList!.split(";");
  if (signed.join(";") !== [...signed].sort().join(";")) return deny("SignatureDoesNotMatch", "signed headers not sorted");
  for (const required of ["host", "x-amz-date", "x-amz-content-sha256"]) {
    if (!signed.includes(required)) return deny("AccessDenied", `${required} is not signed`);
  }
  const amzDate = headerValue(request.headers, "x-amz-date") ?? "";
  if (!/^\d{8}T\d{6}Z$/.test(amzDate) || amzDate.slice(0, 8) !== scopeDate) return deny("AccessDenied", "x-amz-date missing or outside the scope's day");
  if (now) {
    const at = Date.UTC(
      +amzDate.slice(0, 4),
      +amzDate.slice(4, 6) - 1,
      +amzDate.slice(6, 8),
      +amzDate.slice(9, 11),
      +amzDate.slice(11, 13),
      +amzDate.slice(13, 15),
    );
    if (Math.abs(now.getTime() - at) > 15 * 60_000) return deny("RequestTimeTooSkewed", "request time too far from the server's");
  }
  const payloadHash = headerValue(request.headers, "x-amz-content-sha256") ?? "";
  if (payloadHash !== "UNSIGNED-PAYLOAD" && payloadHash !== sha256(request.body))
    return deny("XAmzContentSHA256Mismatch", "body does not match its signed hash");
  const [path = "/", query = ""] = request.rawUrl.split(/\?(.*)/s);
  const canonicalHeaders = signed.map((name) => `${name}:${(headerValue(request.headers, name) ?? "").trim().replace(/\s+/g, " ")}\n`).join("");
  const canonicalRequest = [request.method, path, canonicalQuery(query), canonicalHeaders, signed.join(";"), payloadHash].join("\n");
  const scope = `${scopeDate}/${region}/s3/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonicalRequest)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, scopeDate), region), "s3"), "aws4_request");
  const expected = createHmac("sha256", key).update(stringToSign).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature!, "hex"))) return deny("SignatureDoesNotMatch", "signature does not match");
  return { ok: true, accessKeyId: accessKeyId };
}

export interface S3TestServer {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  objects: Map<string, { bytes: Buffer; contentType: string }>;
  /** Every request received, with the verdict on its signature. */
  requests: { method: string; url: string; signedHeaders: string; verdict: Verdict }[];
  close(): Promise<void>;
}

const xmlError = (code: string, message: string) => `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;

export async function startS3TestServer(
  options: { bucket?: string; region?: string; accessKeyId?: string; secretAccessKey?: string } = {},
): Promise<S3TestServer> {
  const bucket = options.bucket ?? "megaphone-media";
  const credentials = {
    accessKeyId: options.accessKeyId ?? "TESTACCESSKEY",
    secretAccessKey: options.secretAccessKey ?? "test/secret+key",
    region: options.region ?? "eu-test-1",
  };
  const objects = new Map<string, { bytes: Buffer; contentType: string }>();
  const requests: S3TestServer["requests"] = [];

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const rawUrl = req.url ?? "/";
      const verdict = verifySigV4({ method: req.method ?? "GET", rawUrl, headers: req.headers, body }, credentials);
      requests.push({
        method: req.method ?? "",
        url: rawUrl,
        signedHeaders: /SignedHeaders=([^,]+)/.exec(String(req.headers.authorization))?.[1] ?? "",
        verdict,
      });
      const answer = (status: number, text = "", headers: Record<string, string> = {}) => {
        res.writeHead(status, { ...(text ? { "content-type": "application/xml" } : {}), ...headers });
        res.end(text);
      };
      if (!verdict.ok) return answer(403, xmlError(verdict.code, verdict.reason));
      // Virtual-hosted (bucket.host/key) or path-style (host/bucket/key).
      const path = decodeURIComponent(rawUrl.split("?")[0]!);
      const virtual = (req.headers.host ?? "").startsWith(`${bucket}.`);
      const [target, ...rest] = virtual ? [bucket, path.slice(1)] : path.slice(1).split(/\/(.*)/s);
      const key = rest.join("");
      if (target !== bucket) return answer(404, xmlError("NoSuchBucket", "no such bucket"));
      if (!key) return answer(400, xmlError("InvalidRequest", "no key"));
      switch (req.method) {
        case "PUT":
          objects.set(key, { bytes: body, contentType: req.headers["content-type"] ?? "binary/octet-stream" });
          return answer(200, "", { etag: `"${createHash("md5").update(body).digest("hex")}"` });
        case "GET": {
          const object = objects.get(key);
          if (!object) return answer(404, xmlError("NoSuchKey", "The specified key does not exist."));
          res.writeHead(200, { "content-type": object.contentType, "content-length": String(object.bytes.length) });
          return res.end(object.bytes);
        }
        case "DELETE":
          objects.delete(key);
          return answer(204);
        default:
          return answer(405, xmlError("MethodNotAllowed", "not supported here"));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region: credentials.region,
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    objects,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

export { EMPTY_SHA256 };
