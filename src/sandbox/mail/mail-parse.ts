import { simpleParser, type AddressObject } from "mailparser";

/**
 * What the sandbox's mailbox shows of a caught message. Parsing is mailparser's (nodemailer's own
 * maintained parser): MIME trees, multipart/alternative, transfer encodings, charsets and RFC 2047
 * headers are its business, not ours. The text part is what the page shows; the HTML part is kept
 * for tests and the JSON view, never rendered by the sandbox.
 */
export interface ParsedMail {
  from: string;
  to: string;
  subject: string;
  date: string;
  text: string;
  /** The text/html part as sent, or null for a text-only message. */
  html: string | null;
  /** Lower-cased header names → their value as one line (List-Unsubscribe and friends). */
  headers: Record<string, string>;
}

function addresses(value: AddressObject | AddressObject[] | undefined): string {
  if (!value) return "";
  return (Array.isArray(value) ? value : [value]).map((a) => a.text).join(", ");
}

export async function parseMail(raw: string): Promise<ParsedMail> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  const headers: Record<string, string> = {};
  for (const line of mail.headerLines) headers[line.key] = line.line.slice(line.line.indexOf(":") + 1).trim();
  return {
    from: addresses(mail.from),
    to: addresses(mail.to),
    subject: mail.subject ?? "",
    date: headers.date ?? "",
    text: (mail.text ?? "").replace(/\n$/, ""),
    html: typeof mail.html === "string" ? mail.html : null,
    headers,
  };
}
