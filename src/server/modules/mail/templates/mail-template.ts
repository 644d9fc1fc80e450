import { html, oneLine, safeColour, safeHref, type SafeHtml } from "./html";

/** What every template returns: both bodies and the subject come from the same data. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Who the mail is from, as its layout shows it: Megaphone itself, or a brand (its name and colour). */
export interface MailSender {
  name: string;
  colour?: string | null | undefined;
}

export const MEGAPHONE: MailSender = { name: "Megaphone", colour: "#4f46e5" };

/**
 * One block of a message. Each block renders to a paragraph of text and of HTML, so the two
 * bodies cannot say different things: a `link` block is the same URL in both, a `code` block the
 * same code.
 */
export type MailBlock =
  | { kind: "p"; text: string }
  | { kind: "link"; label: string; url: string }
  | { kind: "code"; label: string; code: string }
  | { kind: "list"; items: string[] };

export const p = (text: string): MailBlock => ({ kind: "p", text });
export const link = (label: string, url: string): MailBlock => ({ kind: "link", label, url: safeHref(url) });
export const code = (label: string, value: string): MailBlock => ({ kind: "code", label, code: value });
export const list = (items: string[]): MailBlock => ({ kind: "list", items });

function blockText(block: MailBlock): string {
  switch (block.kind) {
    case "p":
      return block.text;
    case "link":
      return `${block.label}: ${block.url}`;
    case "code":
      return `${block.label}: ${block.code}`;
    case "list":
      return block.items.map((item) => `- ${item}`).join("\n");
  }
}

function blockHtml(block: MailBlock, colour: string, small = false): SafeHtml {
  const para = small ? "margin:0 0 8px;font-size:12px;line-height:1.5;color:#6b7280" : "margin:0 0 16px;font-size:15px;line-height:1.5;color:#1f2937";
  if (small && block.kind === "link") return html`<p style="${para}"><a href="${block.url}" style="color:#6b7280">${block.label}</a></p>`;
  switch (block.kind) {
    case "p":
      return html`<p style="${para}">${block.text}</p>`;
    case "link":
      return html`<p style="${para}">
        <a
          href="${block.url}"
          style="display:inline-block;padding:10px 16px;border-radius:6px;background:${colour};color:#ffffff;text-decoration:none;font-weight:600"
          >${block.label}</a
        >
      </p>`;
    case "code":
      return html`<p style="${para}">${block.label}: <strong style="font-family:monospace;font-size:18px;letter-spacing:2px">${block.code}</strong></p>`;
    case "list":
      return html`<ul style="${para};padding-left:20px">
        ${block.items.map((item) => html`<li>${item}</li>`)}
      </ul>`;
  }
}

/**
 * The shared layout: the sender's name on a bar of its colour, the blocks, and a footer (why the
 * mail came, how to stop it). Every value is escaped by `html`; the colour passes safeColour.
 */
export function renderMail(input: { sender: MailSender; subject: string; blocks: MailBlock[]; footer?: MailBlock[] }): RenderedMail {
  const colour = safeColour(input.sender.colour);
  const subject = oneLine(input.subject);
  const footer = input.footer ?? [];
  const text = [...input.blocks, ...footer].map(blockText).join("\n\n");
  const body = html`<!doctype html>
    <html>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>${subject}</title>
      </head>
      <body style="margin:0;padding:0;background:#f3f4f6;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;padding:24px 0">
          <tr>
            <td align="center">
              <table
                role="presentation"
                width="100%"
                cellpadding="0"
                cellspacing="0"
                style="max-width:560px;background:#ffffff;border-radius:8px;overflow:hidden"
              >
                <tr>
                  <td style="background:${colour};padding:16px 24px;color:#ffffff;font-size:18px;font-weight:700">${input.sender.name}</td>
                </tr>
                <tr>
                  <td style="padding:24px">${input.blocks.map((b) => blockHtml(b, colour))}</td>
                </tr>
                ${
                  footer.length
                    ? html`<tr>
                        <td style="padding:0 24px 24px;font-size:12px;color:#6b7280">${footer.map((b) => blockHtml(b, colour, true))}</td>
                      </tr>`
                    : ""
                }
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html>`;
  return { subject, text, html: body.value };
}
