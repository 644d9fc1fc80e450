/**
 * Query evaluation with a per-query match cache. The first request for a query scans the store
 * once; afterwards only posts appended since then are tested, and a page is two binary searches
 * plus a walk over at most `max_results` (+ skipped tombstones) matches. Positions are invalidated
 * wholesale when the store's `version` moves (an out-of-order insert).
 */
import { compareKeys, type IdKey } from "../core/snowflake";
import type { PostStore } from "../store/post-store";
import type { SandboxPost } from "../store/store-types";
import { compileQuery, type PostPredicate } from "./query-matcher";

interface CacheEntry {
  predicate: PostPredicate;
  /** Indexes into store.posts of matching posts, ascending. */
  matches: number[];
  scanned: number;
  version: number;
}

export interface PageWindow {
  /** Inclusive lower bound. */
  lo: IdKey;
  /** Exclusive upper bound. */
  hi: IdKey;
}

export interface PageResult {
  posts: SandboxPost[];
  /** Set when at least one more matching post exists below the last one returned. */
  hasMore: boolean;
}

export class SearchEngine {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly store: PostStore,
    private readonly maxEntries = 256,
  ) {}

  /** Throws QuerySyntaxError for an invalid query (compile happens once per distinct query). */
  prepare(query: string): void {
    this.entry(query);
  }

  /**
   * Newest-first page of matches inside `window`. `limitNewest` restricts the candidates to the
   * N most recent non-deleted matches (the mentions timeline's 800 cap).
   */
  page(query: string, window: PageWindow, maxResults: number, limitNewest?: number, direction: "older" | "newer" = "older"): PageResult {
    const entry = this.entry(query);
    const posts = this.store.posts;
    const m = entry.matches;
    let loIdx = this.lowerBound(m, window.lo);
    const hiIdx = this.lowerBound(m, window.hi);
    if (limitNewest !== undefined) {
      // Walk back from the newest match to find where the N-most-recent live posts begin.
      let live = 0;
      let j = m.length - 1;
      for (; j >= 0 && live < limitNewest; j--) if (!posts[m[j]!]!.deleted) live++;
      loIdx = Math.max(loIdx, j + 1);
    }
    if (direction === "newer") return this.pageUpward(m, loIdx, hiIdx, maxResults);
    const out: SandboxPost[] = [];
    let j = hiIdx - 1;
    for (; j >= loIdx && out.length < maxResults; j--) {
      const p = posts[m[j]!]!;
      if (!p.deleted) out.push(p);
    }
    let hasMore = false;
    for (; j >= loIdx; j--) {
      if (!posts[m[j]!]!.deleted) {
        hasMore = true;
        break;
      }
    }
    return { posts: out, hasMore };
  }

  /**
   * The `maxResults` live matches just above `window.lo` (a previous page), still returned
   * newest first; hasMore says whether newer matches remain inside the window.
   */
  private pageUpward(m: readonly number[], loIdx: number, hiIdx: number, maxResults: number): PageResult {
    const posts = this.store.posts;
    const out: SandboxPost[] = [];
    let j = loIdx;
    for (; j < hiIdx && out.length < maxResults; j++) {
      const p = posts[m[j]!]!;
      if (!p.deleted) out.push(p);
    }
    let hasMore = false;
    for (; j < hiIdx; j++) {
      if (!posts[m[j]!]!.deleted) {
        hasMore = true;
        break;
      }
    }
    return { posts: out.reverse(), hasMore };
  }

  /** Number of live matches (diagnostics for the admin API). */
  count(query: string): number {
    const entry = this.entry(query);
    let n = 0;
    for (const i of entry.matches) if (!this.store.posts[i]!.deleted) n++;
    return n;
  }

  clear(): void {
    this.cache.clear();
  }

  private entry(query: string): CacheEntry {
    let entry = this.cache.get(query);
    if (entry) {
      // Refresh LRU position.
      this.cache.delete(query);
      this.cache.set(query, entry);
    } else {
      entry = { predicate: compileQuery(query), matches: [], scanned: 0, version: this.store.version };
      this.cache.set(query, entry);
      if (this.cache.size > this.maxEntries) {
        const oldest = this.cache.keys().next().value;
        if (oldest !== undefined) this.cache.delete(oldest);
      }
    }
    if (entry.version !== this.store.version) {
      entry.matches = [];
      entry.scanned = 0;
      entry.version = this.store.version;
    }
    const posts = this.store.posts;
    const pred = entry.predicate;
    for (let i = entry.scanned; i < posts.length; i++) if (pred(posts[i]!)) entry.matches.push(i);
    entry.scanned = posts.length;
    return entry;
  }

  private lowerBound(m: number[], key: IdKey): number {
    const posts = this.store.posts;
    let lo = 0;
    let hi = m.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(posts[m[mid]!]!, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
