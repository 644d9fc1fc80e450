import { randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";

/**
 * Next.js gives application code no access to the TCP peer, and it fills X-Forwarded-For from
 * the client's own header when one is sent (`??=`), so a client could name any IP it likes.
 * This stamps every incoming request with the socket's real remote address, before Next sees it,
 * under a header whose value carries a random per-process proof: `<proof> <address>`.
 * `client-ip.ts` reads it and believes forwarded headers only when this peer is a trusted proxy.
 *
 * Why a proof and not just "drop any client-sent copy": under `next start` the server listens
 * before instrumentation's register() has run (Next 16 prepares the server, and so registers,
 * after `listen`), so the first requests of a fresh process are emitted before this patch
 * exists. Their client-sent copy of the header could not be dropped; without the proof it was
 * believed once the patch was in (checked: 7 of 30 requests racing a restart were keyed on the
 * address they claimed). With the proof, an unstamped request simply has no known peer
 * ("unknown": callers fail closed) and no client can forge a stamp.
 */
export const PEER_HEADER = "x-megaphone-peer-address";

const STATE = Symbol.for("megaphone.peerAddressStamp");

interface StampState {
  proof: string;
}

// Route bundles and the instrumentation bundle each get their own copy of this module, so the
// process-wide proof lives on globalThis.
function state(): StampState | undefined {
  return (globalThis as Record<symbol, StampState | undefined>)[STATE];
}

type Emit = http.Server["emit"];

/** The header value a stamped request carries for `address`. Only valid in this process. */
export function peerStamp(address: string): string {
  const current = state();
  if (!current) throw new Error("the peer-address stamp is not installed");
  return `${current.proof} ${address}`;
}

/** Installed once per process by instrumentation.ts (the web app) before it serves requests. */
export function installPeerAddressStamp(): void {
  if (state()) return;
  (globalThis as Record<symbol, StampState>)[STATE] = { proof: randomBytes(24).toString("base64url") };
  const proto = http.Server.prototype;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with .call(this)
  const original: Emit = proto.emit;
  proto.emit = function emit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      delete req.headers[PEER_HEADER];
      const address = req.socket?.remoteAddress;
      if (address) req.headers[PEER_HEADER] = peerStamp(address);
    }
    return (original as (this: http.Server, event: string | symbol, ...rest: unknown[]) => boolean).call(this, event, ...args);
  } as Emit;
}

/** Whether this process stamps peers. */
export function peerAddressStampInstalled(): boolean {
  return state() !== undefined;
}

/** The stamped peer address from a header value, or undefined when it is absent or forged. */
export function readPeerStamp(value: string | undefined): string | undefined {
  const current = state();
  if (!current || !value) return undefined;
  const space = value.indexOf(" ");
  if (space < 0) return undefined;
  const proof = Buffer.from(value.slice(0, space));
  const expected = Buffer.from(current.proof);
  if (proof.length !== expected.length || !timingSafeEqual(proof, expected)) return undefined;
  return value.slice(space + 1) || undefined;
}
