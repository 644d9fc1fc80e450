import { getEnv } from "../env";
import { isLoopbackRequest, type HeaderSource } from "./client-ip";

/**
 * Whether this request may see the development outbox (/dev/outbox): only when MAIL_OUTBOX_PAGE
 * is on (env.ts refuses it in production) AND the TCP peer is loopback with no proxy in between.
 * The page has no sign-in and shows invitation links, so anything else gets the same 404 as a
 * page that does not exist.
 */
export function devOutboxOpenTo(headers: HeaderSource): boolean {
  return getEnv().MAIL_OUTBOX_PAGE && isLoopbackRequest(headers);
}
