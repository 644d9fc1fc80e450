/** Minimal request/response plumbing on node:http: no framework, so nothing hides the wire format. */
import type { IncomingMessage, ServerResponse } from "node:http";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  /** The matched route pattern (`/2/users/:id`), once routed. */
  route?: string;
  /** Headers added to whatever response is finally sent (rate-limit headers, …). */
  headers: Record<string, string>;
  /** Filled by auth layers for the request log. */
  authKind?: string;
  body(): Promise<Record<string, unknown>>;
  rawBody(): Promise<string>;
}

const MAX_BODY = 2 * 1024 * 1024;

export function createContext(req: IncomingMessage, res: ServerResponse): RequestContext {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  let raw: Promise<string> | undefined;
  const rawBody = (): Promise<string> => (raw ??= readBody(req));
  return {
    req,
    res,
    method: req.method ?? "GET",
    path: safeDecodePath(path),
    query: new URLSearchParams(q < 0 ? "" : url.slice(q + 1)),
    params: {},
    headers: {},
    rawBody,
    body: async () => parseBody(await rawBody(), req.headers["content-type"] ?? ""),
  };
}

function safeDecodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, { title: "Payload Too Large", detail: "Payload Too Large", type: "about:blank", status: 413 }));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export class BodyParseError extends Error {}

/** Accepts JSON and form-encoded bodies alike (twitter-api-v2 sends JSON where X documents forms). */
export function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (raw.trim() === "") return {};
  const looksJson = contentType.includes("json") || /^\s*[{[]/.test(raw);
  if (looksJson) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new BodyParseError("Request body is not valid JSON");
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new BodyParseError("Request body must be a JSON object");
    return parsed as Record<string, unknown>;
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

export function sendJson(ctx: RequestContext, status: number, body: unknown, headers: Record<string, string> = {}, contentType = "application/json"): void {
  const payload = JSON.stringify(body);
  const { res } = ctx;
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    ...ctx.headers,
    ...headers,
    "content-type": `${contentType}; charset=utf-8`,
    "content-length": Buffer.byteLength(payload),
  });
  res.end(payload);
}

export function sendHtml(ctx: RequestContext, status: number, html: string): void {
  if (ctx.res.headersSent) return;
  ctx.res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(html),
    "cache-control": "no-store",
  });
  ctx.res.end(html);
}

export function redirect(ctx: RequestContext, location: string): void {
  ctx.res.writeHead(302, { location, "content-length": 0, "cache-control": "no-store" });
  ctx.res.end();
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Reads a string field from a parsed body; non-strings count as absent. */
export function str(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  return typeof v === "string" ? v : undefined;
}
