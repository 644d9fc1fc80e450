/**
 * Just enough RFC 5322 / MIME to read what Megaphone's worker sends (one text/plain part, 7bit,
 * quoted-printable or base64, subjects as RFC 2047 encoded words). Anything else is shown as it
 * arrived rather than guessed at: this is a developer's mailbox, not a mail client.
 */
export interface ParsedMail {
  from: string;
  to: string;
  subject: string;
  date: string;
  text: string;
}

function splitHeaders(raw: string): { headers: Map<string, string>; body: string } {
  const normalized = raw.replace(/\r\n/g, "\n");
  const end = normalized.indexOf("\n\n");
  const head = end < 0 ? normalized : normalized.slice(0, end);
  const body = end < 0 ? "" : normalized.slice(end + 2);
  const headers = new Map<string, string>();
  // Folded lines (starting with white space) continue the previous header.
  for (const line of head.replace(/\n[ \t]+/g, " ").split("\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function charsetOf(contentType: string): BufferEncoding {
  const charset = /charset="?([^";\s]+)"?/i.exec(contentType)?.[1]?.toLowerCase();
  return charset === "iso-8859-1" || charset === "latin1" ? "latin1" : "utf8";
}

function decodeQuotedPrintable(text: string, encoding: BufferEncoding): string {
  const joined = text.replace(/=\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i]!, "utf8"));
    }
  }
  return Buffer.from(bytes).toString(encoding);
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?= / =?UTF-8?B?...?=) in a header value. */
export function decodeHeaderValue(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[QqBb]\?[^?]*\?=)\s+(?==\?)/g, "$1")
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, charset: string, kind: string, data: string) => {
      const encoding = charsetOf(`charset=${charset}`);
      if (kind.toUpperCase() === "B") return Buffer.from(data, "base64").toString(encoding);
      return decodeQuotedPrintable(data.replace(/_/g, " "), encoding);
    });
}

export function parseMail(raw: string): ParsedMail {
  const { headers, body } = splitHeaders(raw);
  const contentType = headers.get("content-type") ?? "text/plain";
  const transfer = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  const encoding = charsetOf(contentType);
  let text = body;
  if (/^text\/plain/i.test(contentType)) {
    if (transfer === "quoted-printable") text = decodeQuotedPrintable(body, encoding);
    else if (transfer === "base64") text = Buffer.from(body.replace(/\s+/g, ""), "base64").toString(encoding);
  }
  return {
    from: decodeHeaderValue(headers.get("from") ?? ""),
    to: decodeHeaderValue(headers.get("to") ?? ""),
    subject: decodeHeaderValue(headers.get("subject") ?? ""),
    date: headers.get("date") ?? "",
    text: text.replace(/\n$/, ""),
  };
}
