/**
 * Parser for the X search query language (the subset listed in social-apis.md §1.2): keywords,
 * "exact phrases", #hashtags, @mentions, $cashtags, field operators (from:, lang:, is:, has:, …),
 * implicit AND, explicit OR (AND binds tighter), parentheses and `-` negation.
 * Errors carry the wording and 1-based positions X returns in its 400 bodies.
 */
export type TermKind = "keyword" | "phrase" | "hashtag" | "mention" | "cashtag" | "operator";

export interface TermNode {
  type: "term";
  kind: TermKind;
  /** Operator name for kind "operator" (lowercase), e.g. "from", "is". */
  op?: string;
  value: string;
  pos: number;
}
export interface NotNode {
  type: "not";
  child: QueryNode;
  pos: number;
}
export interface BoolNode {
  type: "and" | "or";
  children: QueryNode[];
  pos: number;
}
export type QueryNode = TermNode | NotNode | BoolNode;

export class QuerySyntaxError extends Error {
  constructor(readonly detail: string) {
    super(`There were errors processing your request: ${detail}`);
  }
}

/** Operators that stand alone (a query may consist of them only). */
export const STANDALONE_OPERATORS = new Set([
  "from",
  "to",
  "retweets_of",
  "url",
  "conversation_id",
  "in_reply_to_tweet_id",
  "in_reply_to_status_id",
  "quotes_of_tweet_id",
  "retweets_of_tweet_id",
  "retweets_of_status_id",
  // Accepted like X does, but never match in the sandbox (no places, lists or annotations here).
  "place",
  "place_country",
  "point_radius",
  "bounding_box",
  "context",
  "entity",
  "list",
]);
/** Operators X refuses unless joined to a standalone operator. */
export const CONJUNCTION_OPERATORS: Record<string, ReadonlySet<string> | null> = {
  is: new Set(["retweet", "reply", "quote", "verified", "nullcast"]),
  has: new Set(["mentions", "links", "hashtags", "media", "cashtags", "images", "video_link", "geo"]),
  lang: null,
};
const STOPWORDS = new Set(["a", "an", "the", "of", "to", "in", "on", "at", "is", "it", "for", "by", "be", "as", "or"]);

interface Lexeme {
  kind: "lparen" | "rparen" | "or" | "word" | "phrase";
  text: string;
  pos: number;
  neg: boolean;
}

function lex(query: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const pos = i + 1;
    let neg = false;
    if (ch === "-" && i + 1 < query.length && !/\s/.test(query[i + 1]!)) {
      neg = true;
      i++;
    }
    const c = query[i]!;
    if (c === "(") {
      out.push({ kind: "lparen", text: "(", pos, neg });
      i++;
    } else if (c === ")") {
      out.push({ kind: "rparen", text: ")", pos, neg });
      i++;
    } else if (c === '"') {
      const close = query.indexOf('"', i + 1);
      if (close < 0) throw new QuerySyntaxError(`no viable alternative at character '"' (at position ${i + 1})`);
      out.push({ kind: "phrase", text: query.slice(i + 1, close), pos, neg });
      i = close + 1;
    } else if (c === "'") {
      throw new QuerySyntaxError(`no viable alternative at character ''' (at position ${i + 1})`);
    } else if ("[]{}".includes(c)) {
      throw new QuerySyntaxError(`no viable alternative at input '${c}' (at position ${i + 1})`);
    } else {
      let j = i;
      while (j < query.length && !/[\s()"]/.test(query[j]!)) j++;
      let text = query.slice(i, j);
      // An operator's value may be quoted: place:"new york city", entity:"Michael Jordan".
      if (query[j] === '"' && text.length > 1 && text.endsWith(":")) {
        const close = query.indexOf('"', j + 1);
        if (close < 0) throw new QuerySyntaxError(`no viable alternative at character '"' (at position ${j + 1})`);
        text += query.slice(j + 1, close);
        j = close + 1;
      }
      out.push({ kind: text === "OR" && !neg ? "or" : "word", text, pos, neg });
      i = j;
    }
  }
  return out;
}

export function parseQuery(query: string): QueryNode {
  const tokens = lex(query);
  let at = 0;
  const peek = (): Lexeme | undefined => tokens[at];

  const parseOr = (): QueryNode => {
    const first = parseAnd();
    const children = [first];
    while (peek()?.kind === "or") {
      at++;
      children.push(parseAnd());
    }
    return children.length === 1 ? first : { type: "or", children, pos: first.pos };
  };

  const parseAnd = (): QueryNode => {
    const children: QueryNode[] = [];
    for (let t = peek(); t && t.kind !== "or" && t.kind !== "rparen"; t = peek()) children.push(parseUnary());
    const bad = peek();
    if (children.length === 0) {
      const where = bad ? `input '${bad.text}' (at position ${bad.pos})` : `input '<EOF>' (at position ${query.length + 1})`;
      throw new QuerySyntaxError(`no viable alternative at ${where}`);
    }
    return children.length === 1 ? children[0]! : { type: "and", children, pos: children[0]!.pos };
  };

  const parseUnary = (): QueryNode => {
    const t = tokens[at++]!;
    let node: QueryNode;
    if (t.kind === "lparen") {
      const inner = parseOr();
      if (peek()?.kind !== "rparen") throw new QuerySyntaxError(`Missing closing parenthesis (at position ${t.pos})`);
      at++;
      node = inner;
    } else if (t.kind === "phrase") {
      node = { type: "term", kind: "phrase", value: t.text, pos: t.pos };
    } else {
      node = wordToTerm(t);
    }
    return t.neg ? { type: "not", child: node, pos: t.pos } : node;
  };

  const root = parseOr();
  const rest = peek();
  if (rest) throw new QuerySyntaxError(`missing EOF at '${rest.text}' (at position ${rest.pos})`);
  validate(root);
  return root;
}

function wordToTerm(t: Lexeme): TermNode {
  const w = t.text;
  if (w.toLowerCase() === "and") {
    throw new QuerySyntaxError(
      `Ambiguous use of and as a keyword. Use a space to logically join two clauses, or "and" to find occurrences of and in text (at position ${t.pos})`,
    );
  }
  if (w.length > 1 && w[0] === "#") return { type: "term", kind: "hashtag", value: w.slice(1), pos: t.pos };
  if (w.length > 1 && w[0] === "@") return { type: "term", kind: "mention", value: w.slice(1), pos: t.pos };
  if (w.length > 1 && w[0] === "$" && /^\$[A-Za-z]/.test(w)) return { type: "term", kind: "cashtag", value: w.slice(1), pos: t.pos };
  const colon = w.indexOf(":");
  if (colon > 0 && !w.startsWith("http")) {
    const op = w.slice(0, colon).toLowerCase();
    const value = w.slice(colon + 1);
    if (STANDALONE_OPERATORS.has(op) && value !== "") return { type: "term", kind: "operator", op, value, pos: t.pos };
    if (op in CONJUNCTION_OPERATORS && value !== "") {
      const allowed = CONJUNCTION_OPERATORS[op];
      if (allowed && !allowed.has(value.toLowerCase())) throw new QuerySyntaxError(`Reference to invalid operator '${w}'.`);
      return { type: "term", kind: "operator", op, value: value.toLowerCase(), pos: t.pos };
    }
    if (/^[a-z_]+$/.test(op)) {
      throw new QuerySyntaxError(
        `Reference to invalid operator '${op}'. Operator is not available in current product or product packaging. Please refer to complete available operator list at https://developer.twitter.com/en/docs/twitter-api/tweets/search/integrate/build-a-query#list.`,
      );
    }
  }
  return { type: "term", kind: "keyword", value: w, pos: t.pos };
}

function isConjunctionOnly(t: TermNode): boolean {
  return t.kind === "operator" && t.op !== undefined && t.op in CONJUNCTION_OPERATORS;
}

/** Finds a conjunction-only term in a branch that has no standalone term, X's "standalone" rule. */
function firstLoneConjunction(node: QueryNode): TermNode | undefined {
  if (hasStandalone(node)) return undefined;
  return firstTerm(node);
}

function hasStandalone(node: QueryNode): boolean {
  switch (node.type) {
    case "term":
      return !isConjunctionOnly(node);
    case "not":
      return hasStandalone(node.child);
    case "and":
      return node.children.some(hasStandalone);
    case "or":
      return node.children.every(hasStandalone);
  }
}

function firstTerm(node: QueryNode): TermNode | undefined {
  if (node.type === "term") return node;
  if (node.type === "not") return firstTerm(node.child);
  for (const c of node.children) {
    const t = node.type === "or" && hasStandalone(c) ? undefined : firstTerm(c);
    if (t) return t;
  }
  return undefined;
}

function hasPositive(node: QueryNode): boolean {
  switch (node.type) {
    case "term":
      return !(node.kind === "keyword" && STOPWORDS.has(node.value.toLowerCase()));
    case "not":
      return false;
    case "and":
      return node.children.some(hasPositive);
    case "or":
      return node.children.every(hasPositive);
  }
}

function validate(root: QueryNode): void {
  const lone = firstLoneConjunction(root);
  if (lone) throw new QuerySyntaxError(`is/has/lang cannot be used as a standalone operator (at position ${lone.pos})`);
  if (!hasPositive(root)) {
    throw new QuerySyntaxError(`Rules must contain at least one positive, non-stopword clause (at position ${root.pos})`);
  }
}
