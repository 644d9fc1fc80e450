import http from "node:http";
import https from "node:https";
import { Webhook } from "standardwebhooks";
import { guardedLookup, refusedLiteral } from "./webhook-url";

export const DELIVERY_TIMEOUT_MS = 10_000;
const EXCERPT_CHARS = 1_000;
/** More than this of an answer is not read: only an excerpt is kept. */
const MAX_READ_BYTES = 64 * 1024;

export interface SendOutcome {
  ok: boolean;
  status: number | null;
  excerpt: string | null;
  error: string | null;
  durationMs: number;
}

/** The Standard Webhooks headers: one `v1,` signature per live secret (two while a rotation overlaps). */
export function signedHeaders(messageId: string, at: Date, body: string, secrets: readonly string[]): Record<string, string> {
  const signatures = secrets.map((secret) => new Webhook(secret).sign(messageId, at, body));
  return {
    "content-type": "application/json",
    "user-agent": "Megaphone-Webhooks/1",
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}

/**
 * One POST. Only a 2xx counts as delivered; a redirect is not followed (the brand registered this
 * URL, and following would sidestep the address check). Connections go through `guardedLookup`, so
 * a host that now resolves to a private address is refused here too.
 */
export function sendWebhook(url: string, headers: Record<string, string>, body: string): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<SendOutcome, "durationMs">) => {
      if (settled) return;
      settled = true;
      resolve({ ...outcome, durationMs: elapsed() });
    };
    const target = new URL(url);
    if (refusedLiteral(target.hostname)) {
      finish({ ok: false, status: null, excerpt: null, error: describe(Object.assign(new Error("private"), { code: "EPRIVATEADDRESS" })) });
      return;
    }
    const client = target.protocol === "https:" ? https : http;
    const request = client.request(
      target,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        lookup: guardedLookup,
        timeout: DELIVERY_TIMEOUT_MS,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let read = 0;
        response.on("data", (chunk: Buffer) => {
          if (read < MAX_READ_BYTES) chunks.push(chunk);
          read += chunk.length;
          if (read >= MAX_READ_BYTES) response.destroy();
        });
        const done = () => {
          const status = response.statusCode ?? 0;
          const excerpt = Buffer.concat(chunks).toString("utf8").slice(0, EXCERPT_CHARS);
          const ok = status >= 200 && status < 300;
          finish({ ok, status, excerpt, error: ok ? null : status >= 300 && status < 400 ? `redirect (${status}) not followed` : `HTTP ${status}` });
        };
        response.on("end", done);
        response.on("close", done);
        response.on("error", done);
      },
    );
    request.on("timeout", () => {
      request.destroy(new Error(`no answer within ${DELIVERY_TIMEOUT_MS / 1000} s`));
    });
    request.on("error", (error: NodeJS.ErrnoException) => finish({ ok: false, status: null, excerpt: null, error: describe(error) }));
    request.end(body);
  });
}

function describe(error: NodeJS.ErrnoException): string {
  if (error.code === "EPRIVATEADDRESS") return "refused: the host resolves to a private, loopback or link-local address";
  if (error.code === "ECONNREFUSED") return "connection refused";
  if (error.code === "ENOTFOUND") return "the host name does not resolve";
  return (error.message || String(error.code)).slice(0, 300);
}
