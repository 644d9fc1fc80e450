/**
 * The small HTML consent page shown by both OAuth emulations. A test browser fills the user field
 * and clicks #approve or #deny; everything else rides along in hidden inputs (HTML-escaped).
 */
import { escapeHtml } from "./http-kit";

export interface ConsentPage {
  service: string;
  appName: string;
  action: string;
  userLabel: string;
  defaultUser: string;
  scopes: string[];
  hidden: Record<string, string>;
}

export function renderConsentPage(p: ConsentPage): string {
  const hidden = Object.entries(p.hidden)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join("\n      ");
  const scopes = p.scopes.length ? `<ul id="scopes">${p.scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join("")}</ul>` : "";
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Authorize ${escapeHtml(p.appName)} — ${escapeHtml(p.service)} sandbox</title>
  <style>
    body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 4rem auto; padding: 0 1rem; color: #0f1419; }
    .card { border: 1px solid #cfd9de; border-radius: 16px; padding: 1.5rem; }
    label { display: block; margin: 1rem 0 .25rem; font-weight: 600; }
    input[type=text] { width: 100%; padding: .5rem; font-size: 1rem; box-sizing: border-box; }
    .actions { display: flex; gap: .75rem; margin-top: 1.25rem; }
    button { flex: 1; padding: .6rem; font-size: 1rem; border-radius: 999px; cursor: pointer; }
    #approve { background: #0f1419; color: #fff; border: 0; }
    #deny { background: #fff; border: 1px solid #cfd9de; }
    .note { color: #536471; font-size: .85rem; }
  </style>
</head>
<body>
  <div class="card">
    <h1>${escapeHtml(p.appName)} wants to access your ${escapeHtml(p.service)} account</h1>
    <p class="note">This is the local ${escapeHtml(p.service)} sandbox. No real account is involved.</p>
    ${scopes}
    <form method="post" action="${escapeHtml(p.action)}">
      ${hidden}
      <label for="username">${escapeHtml(p.userLabel)}</label>
      <input type="text" id="username" name="username" value="${escapeHtml(p.defaultUser)}" autocomplete="off" required>
      <div class="actions">
        <button type="submit" id="approve" name="decision" value="approve">Authorize app</button>
        <button type="submit" id="deny" name="decision" value="deny" formnovalidate>Cancel</button>
      </div>
    </form>
  </div>
</body>
</html>`;
}

export function renderErrorPage(title: string, detail: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p id="error">${escapeHtml(detail)}</p></body></html>`;
}
