import http from "node:http";

/**
 * Next.js gives application code no access to the TCP peer, and it fills X-Forwarded-For from
 * the client's own header when one is sent (`??=`), so a client could name any IP it likes.
 * This stamps every incoming request with the socket's real remote address under a header
 * that a client cannot set (any client-sent copy is dropped first), before Next sees it.
 * `client-ip.ts` reads it and believes forwarded headers only when this peer is a trusted proxy.
 */
export const PEER_HEADER = "x-megaphone-peer-address";

const INSTALLED = Symbol.for("megaphone.peerAddressStamp");

type Emit = http.Server["emit"];

/** Installed once per process by instrumentation.ts (the web app) before it serves requests. */
export function installPeerAddressStamp(): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: boolean };
  if (proto[INSTALLED]) return;
  const original: Emit = proto.emit;
  proto.emit = function emit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      delete req.headers[PEER_HEADER];
      const address = req.socket?.remoteAddress;
      if (address) req.headers[PEER_HEADER] = address;
    }
    return (original as (this: http.Server, event: string | symbol, ...rest: unknown[]) => boolean).call(this, event, ...args);
  } as Emit;
  proto[INSTALLED] = true;
  (globalThis as Record<symbol, unknown>)[INSTALLED] = true;
}

/** Whether this process stamps peers; without it a PEER_HEADER value could be client-made. */
export function peerAddressStampInstalled(): boolean {
  return (globalThis as Record<symbol, unknown>)[INSTALLED] === true;
}
