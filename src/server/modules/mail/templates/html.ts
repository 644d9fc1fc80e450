/**
 * The mail templates' only way to write HTML: `html` escapes every interpolated value unless it is
 * already markup made here (SafeHtml), so a brand called `<img onerror=…>` arrives as text. Plain
 * typed functions instead of a template library: the bodies are a few lines each, the escaping rule
 * is this one file, and nothing needs a build step or a runtime template compiler.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

type HtmlValue = SafeHtml | string | number | readonly HtmlValue[] | null | undefined | false;

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, part, i) => out + part + (i < values.length ? render(values[i]) : ""), ""));
}

/** A link target: http(s) only (no javascript:, data:, mailto: from anyone's input); anything else is refused loudly. */
export function safeHref(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new Error(`mail links must be http(s), not ${parsed.protocol}`);
  return parsed.toString();
}

/** A header value is one line: CR/LF (and tabs) from a hostile name must not start a new header. */
export function oneLine(text: string): string {
  return text
    .replace(/[\r\n\t\u2028\u2029]+/g, " ")
    .replace(/\s{2,}/g, " ")
    .trim();
}

/** A brand colour for a style attribute: a #rrggbb value or the default, never free text. */
export function safeColour(colour: string | null | undefined, fallback = "#4f46e5"): string {
  return colour && /^#[0-9a-fA-F]{6}$/.test(colour) ? colour : fallback;
}
