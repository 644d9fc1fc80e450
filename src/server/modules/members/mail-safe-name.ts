/**
 * A name chosen by someone else (a brand name) as it may appear in a plain-text email we send
 * on their behalf. Mail clients turn anything that looks like a URL, a domain or an address into
 * a link, so a brand called "Claim your prize at evil.example" would have us deliver a phishing
 * link under our own name. The text keeps reading naturally but carries no link, no markup, no
 * header-breaking or direction-flipping characters, and no unbounded length.
 */
const MAX_LENGTH = 60;

export function mailSafeName(raw: string): string {
  let text = raw
    // Fold look-alikes first (fullwidth dots and slashes, ligatures) so the rules below see them.
    .normalize("NFKC")
    // Controls (CR/LF would split a Subject header) become spaces; format characters (bidi
    // overrides, zero-width joiners), private-use and unassigned code points go.
    .replace(/\p{Cc}/gu, " ")
    .replace(/\p{C}/gu, "")
    // No markup, ever: a client showing the text as HTML must not see tags.
    .replace(/[<>]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  text = text
    // "https://x", "mailto:x", "javascript:x": no scheme survives.
    .replace(/(?<=[\p{L}\p{N}]):(?=\S)/gu, "[:]")
    // "evil.example", "www.x", "a@b.c": a dot (or ideographic full stop) between two word
    // characters is how linkifiers find hosts; "Acme Inc." and "St. Louis" keep theirs.
    .replace(/(?<=[\p{L}\p{N}_-])[.\u3002](?=[\p{L}\p{N}_-])/gu, "[.]")
    .replace(/(?<=\S)@(?=\S)/g, "[at]");
  if ([...text].length > MAX_LENGTH)
    text = `${[...text]
      .slice(0, MAX_LENGTH - 1)
      .join("")
      .trimEnd()}…`;
  return text || "a brand";
}
