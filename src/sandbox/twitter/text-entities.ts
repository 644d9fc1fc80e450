/**
 * Text helpers shared by the query matcher and the renderer: search folding (case and accents are
 * ignored in X search), word boundaries of X's tokenizer (punctuation and symbols split tokens),
 * and the entities (mentions, hashtags, cashtags, urls) the API reports with code-point offsets.
 */
const NON_ASCII = /[^\x00-\x7f]/;
const COMBINING = /\p{M}/gu;
const WORDISH = /[\p{L}\p{N}]/u;

/** Lowercase, accent-stripped form used for matching. ASCII text takes a fast path. */
export function foldForSearch(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text.normalize("NFD").replace(COMBINING, "").toLowerCase();
}

export function isWordCode(code: number): boolean {
  if (code < 128) {
    return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;
  }
  return WORDISH.test(String.fromCharCode(code));
}

/** Splits folded text into tokens the way keyword matching sees it. */
export function tokenize(folded: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= folded.length; i++) {
    const word = i < folded.length && isWordCode(folded.charCodeAt(i));
    if (word && start < 0) start = i;
    else if (!word && start >= 0) {
      out.push(folded.slice(start, i));
      start = -1;
    }
  }
  return out;
}

/**
 * True when the token sequence `tokens` occurs in `folded` as whole tokens separated only by
 * non-word characters ("great coffee" matches "great, coffee!"). `prefix` ("#", "@", "$") must
 * immediately precede the first token, which must itself start a token.
 */
export function containsTokens(folded: string, tokens: readonly string[], prefix = ""): boolean {
  const first = tokens[0];
  if (first === undefined) return false;
  const needle = prefix + first;
  let from = 0;
  for (;;) {
    const at = folded.indexOf(needle, from);
    if (at < 0) return false;
    from = at + 1;
    if (at > 0 && (isWordCode(folded.charCodeAt(at - 1)) || (prefix !== "" && isPrefixChar(folded.charCodeAt(at - 1))))) continue;
    let end = at + needle.length;
    if (end < folded.length && isWordCode(folded.charCodeAt(end))) continue;
    let ok = true;
    for (let t = 1; t < tokens.length && ok; t++) {
      while (end < folded.length && !isWordCode(folded.charCodeAt(end))) end++;
      const tok = tokens[t]!;
      if (!folded.startsWith(tok, end)) ok = false;
      else {
        end += tok.length;
        if (end < folded.length && isWordCode(folded.charCodeAt(end))) ok = false;
      }
    }
    if (ok) return true;
  }
}

function isPrefixChar(code: number): boolean {
  return code === 64 || code === 35 || code === 36; // @ # $
}

export interface EntitySpan {
  start: number;
  end: number;
}
export interface MentionEntity extends EntitySpan {
  username: string;
  id?: string;
}
export interface HashtagEntity extends EntitySpan {
  tag: string;
}
export interface UrlEntity extends EntitySpan {
  url: string;
  expanded_url: string;
  display_url: string;
}
export interface TextEntities {
  mentions?: MentionEntity[];
  hashtags?: HashtagEntity[];
  cashtags?: HashtagEntity[];
  urls?: UrlEntity[];
}

const ENTITY_RE =
  /(?<![\p{L}\p{N}_@#$])(?:@([A-Za-z0-9_]{1,15})|#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)|\$([A-Za-z]{1,6})(?![A-Za-z])|(https?:\/\/[^\s]+[^\s.,!?)]))/gu;

/** Extracts entities with code-point offsets (start inclusive, end exclusive). */
export function extractEntities(text: string, resolveUserId?: (username: string) => string | undefined): TextEntities {
  const out: TextEntities = {};
  const hasAstral = /[\ud800-\udfff]/.test(text);
  const cp = (utf16: number): number => (hasAstral ? [...text.slice(0, utf16)].length : utf16);
  for (const m of text.matchAll(ENTITY_RE)) {
    const at = m.index;
    const start = cp(at);
    const end = start + (hasAstral ? [...m[0]].length : m[0].length);
    if (m[1] !== undefined) {
      const id = resolveUserId?.(m[1]);
      (out.mentions ??= []).push(id === undefined ? { start, end, username: m[1] } : { start, end, username: m[1], id });
    } else if (m[2] !== undefined) {
      (out.hashtags ??= []).push({ start, end, tag: m[2] });
    } else if (m[3] !== undefined) {
      (out.cashtags ??= []).push({ start, end, tag: m[3] });
    } else if (m[4] !== undefined) {
      const url = m[4];
      (out.urls ??= []).push({ start, end, url, expanded_url: url, display_url: url.replace(/^https?:\/\//, "").slice(0, 26) });
    }
  }
  return out;
}

/** Post feature flags computed once at creation, used by has:* operators. */
export const HAS_MENTIONS = 1;
export const HAS_HASHTAGS = 2;
export const HAS_LINKS = 4;
export const HAS_CASHTAGS = 8;
export const HAS_MEDIA = 16;

export function computeFlags(text: string): number {
  let flags = 0;
  for (const m of text.matchAll(ENTITY_RE)) {
    if (m[1] !== undefined) flags |= HAS_MENTIONS;
    else if (m[2] !== undefined) flags |= HAS_HASHTAGS;
    else if (m[3] !== undefined) flags |= HAS_CASHTAGS;
    else flags |= HAS_LINKS;
  }
  return flags;
}
