/**
 * X recent-search queries from a tenant's enabled X sources: keywords as exact phrases, hashtags
 * and handles as they are, joined with OR. `-is:retweet` is deliberately not added: a retweet is
 * an advocate spreading the brand and earns points like any mention.
 *
 * X caps a query's length (512 characters on the standard recent-search endpoint), so a long list
 * is split into several queries, packed greedily in the order given. Pass sources oldest first
 * (listSources' order): a new source then lands in the last query and the earlier ones, with any
 * cursors kept for them, stay the same.
 */

export const X_QUERY_MAX_LENGTH = 512;
const SEPARATOR = " OR ";

export interface SearchTermSource {
  id: string;
  network: "TWITTER" | "FOURSQUARE";
  kind: "KEYWORD" | "HASHTAG" | "HANDLE" | "VENUE";
  /** The stored (normalised) value: "brand x", "#brandx", "@brandx". */
  value: string;
  enabled: boolean;
}

export interface SearchQuery {
  /** The query text, e.g. `"brand x" OR #brandx OR @brandx`. */
  query: string;
  /** The sources whose terms are in this query (several sources may share one term). */
  sourceIds: string[];
}

/** The query term of one X source, or null for a source X search does not handle. */
export function searchTerm(source: Pick<SearchTermSource, "network" | "kind" | "value">): string | null {
  if (source.network !== "TWITTER") return null;
  return twitterSearchTerm(source);
}

/** The X search term of a source's kind and stored value (the provider's `searchTerm`). */
export function twitterSearchTerm(source: Pick<SearchTermSource, "kind" | "value">): string | null {
  switch (source.kind) {
    case "KEYWORD":
      // Stored keywords never contain a double quote (source-values.ts); strip any defensively.
      return `"${source.value.replaceAll('"', "")}"`;
    case "HASHTAG":
      return source.value.startsWith("#") ? source.value : `#${source.value}`;
    case "HANDLE":
      return source.value.startsWith("@") ? source.value : `@${source.value}`;
    case "VENUE":
      return null;
    default: {
      const unreachable: never = source.kind;
      return unreachable;
    }
  }
}

/**
 * Combines the enabled X sources into as few queries as fit in `maxLength` each. Duplicate terms
 * appear once; a source that is disabled or not on X is left out. No sources → no queries.
 */
export function buildSearchQuery(sources: readonly SearchTermSource[], maxLength = X_QUERY_MAX_LENGTH): SearchQuery[] {
  const terms = new Map<string, string[]>();
  for (const source of sources) {
    if (!source.enabled) continue;
    const term = searchTerm(source);
    if (!term) continue;
    if (term.length > maxLength) throw new RangeError(`a single term is longer than ${maxLength} characters`);
    const ids = terms.get(term);
    if (ids) ids.push(source.id);
    else terms.set(term, [source.id]);
  }
  const queries: SearchQuery[] = [];
  let current: SearchQuery | null = null;
  for (const [term, ids] of terms) {
    if (current && current.query.length + SEPARATOR.length + term.length <= maxLength) {
      current.query += SEPARATOR + term;
      current.sourceIds.push(...ids);
    } else {
      current = { query: term, sourceIds: [...ids] };
      queries.push(current);
    }
  }
  return queries;
}
