/**
 * Reading the caught mail: GET /__mail (a page, newest first), GET /__admin/mail (JSON) and
 * DELETE /__admin/mail (empties the box). Mail holds invitation and reset links, so these
 * answer only requests whose TCP peer is this machine; anyone else gets the sandbox's 404.
 */
import { HttpError, escapeHtml, sendHtml, sendJson, type RequestContext } from "../http/http-kit";
import type { Router } from "../http/router";
import { isLoopbackAddress } from "./loopback";
import type { CaughtMail, MailStore } from "./mail-store";

function requireLoopback(ctx: RequestContext): void {
  if (!isLoopbackAddress(ctx.req.socket.remoteAddress)) {
    throw new HttpError(404, { error: "not_found", detail: `${ctx.method} ${ctx.path} is not emulated by the sandbox` });
  }
}

export function registerMailRoutes(router: Router, store: MailStore, smtpUrl: () => string | undefined): void {
  router.on("GET", "/__mail", (ctx) => {
    requireLoopback(ctx);
    sendHtml(ctx, 200, renderMailbox(store.list(), smtpUrl()));
  });
  router.on("GET", "/__admin/mail", (ctx) => {
    requireLoopback(ctx);
    sendJson(ctx, 200, { smtp: smtpUrl() ?? null, messages: store.list() }, { "cache-control": "no-store" });
  });
  router.on("DELETE", "/__admin/mail", (ctx) => {
    requireLoopback(ctx);
    store.clear();
    sendJson(ctx, 200, { ok: true });
  });
}

/** Escapes everything; http(s) URLs become links (their text escaped, their href too). */
function renderText(text: string): string {
  return text
    .split(/(https?:\/\/[^\s<>"']+)/g)
    .map((part, i) => (i % 2 === 1 ? `<a href="${escapeHtml(part)}" rel="noreferrer">${escapeHtml(part)}</a>` : escapeHtml(part)))
    .join("");
}

function renderMessage(mail: CaughtMail): string {
  return `<article class="mail" id="mail-${mail.id}">
    <h2>${escapeHtml(mail.subject || "(no subject)")}</h2>
    <p class="meta">To ${escapeHtml(mail.envelope.to.join(", ") || mail.to)} · from ${escapeHtml(mail.envelope.from || mail.from)} · ${escapeHtml(mail.receivedAt)}</p>
    <pre>${renderText(mail.text)}</pre>
  </article>`;
}

export function renderMailbox(messages: readonly CaughtMail[], smtpUrl: string | undefined): string {
  const relay = smtpUrl ? `SMTP on <code>${escapeHtml(smtpUrl)}</code>` : "SMTP catcher not running (set SANDBOX_SMTP_PORT)";
  const body = messages.length ? messages.map(renderMessage).join("\n") : `<p id="empty">No mail yet. Invite a team member and it arrives here.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Sandbox mail (${messages.length})</title>
  <style>
    body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #0f1419; }
    .mail { border: 1px solid #cfd9de; border-radius: 12px; padding: 1rem 1.25rem; margin: 1rem 0; }
    .mail h2 { font-size: 1.1rem; margin: 0 0 .25rem; }
    .meta, .note { color: #536471; font-size: .85rem; }
    pre { white-space: pre-wrap; word-break: break-word; font-family: inherit; }
  </style>
</head>
<body>
  <h1>Sandbox mail</h1>
  <p class="note">Every email the worker sent to the sandbox, newest first. In memory only; ${relay}. Shown to this machine only.</p>
  ${body}
</body>
</html>`;
}
