/**
 * Posts sorted by snowflake id (= by creation time). Appends are O(1); an out-of-order insert
 * (a backdated admin post, a bulk seed into the past) bumps `version`, which tells the search
 * cache that stored positions moved. Deleted posts stay as tombstones so ids never get reused.
 */
import { MAX_SEQ, snowflakeToString, type IdKey } from "../core/snowflake";
import { computeFlags, foldForSearch } from "../twitter/text-entities";
import type { DeletionEvent, PostKind, PostMetrics, SandboxPost, SandboxUser, Sentiment } from "./store-types";

export interface NewPost {
  ms: number;
  text: string;
  author: SandboxUser;
  kind?: PostKind;
  refPost?: SandboxPost | undefined;
  lang?: string;
  sentiment?: Sentiment | undefined;
  source?: string;
  metrics?: PostMetrics | undefined;
}

export class PostStore {
  readonly posts: SandboxPost[] = [];
  private readonly byId = new Map<string, SandboxPost>();
  readonly deletions: DeletionEvent[] = [];
  /** author id + text of posts created through the API, for X's duplicate-content 403. */
  private readonly apiTexts = new Map<string, SandboxPost>();
  /** Client-supplied ids of admin-created posts, so a retried request cannot create a second post. */
  private readonly byClientId = new Map<string, SandboxPost>();
  /** Incremented whenever existing array positions shift. */
  version = 0;

  get size(): number {
    return this.posts.length;
  }

  get(id: string): SandboxPost | undefined {
    return this.byId.get(id);
  }

  /** Creates and stores one post, minting an id unique for its millisecond. */
  add(input: NewPost): SandboxPost {
    const seq = this.nextSeq(input.ms, undefined);
    const post = buildPost(input, seq);
    this.insertSorted(post);
    return post;
  }

  /**
   * Stores many posts at once. `inputs` must be sorted by `ms`. Builds the batch, then merges
   * it with the existing array in one pass (O(n + m)) instead of m splices.
   */
  addBatch(inputs: readonly NewPost[]): SandboxPost[] {
    const batch: SandboxPost[] = [];
    let prev: SandboxPost | undefined;
    for (const input of inputs) {
      const seq = this.nextSeq(input.ms, prev && prev.ms === input.ms ? prev.seq : undefined);
      prev = buildPost(input, seq);
      batch.push(prev);
      this.byId.set(prev.id, prev);
    }
    const last = this.posts[this.posts.length - 1];
    const first = batch[0];
    if (!first) return batch;
    if (!last || cmp(last, first) < 0) {
      for (const p of batch) this.posts.push(p);
      return batch;
    }
    const merged = new Array<SandboxPost>(this.posts.length + batch.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < this.posts.length && j < batch.length) {
      merged[k++] = cmp(this.posts[i]!, batch[j]!) <= 0 ? this.posts[i++]! : batch[j++]!;
    }
    while (i < this.posts.length) merged[k++] = this.posts[i++]!;
    while (j < batch.length) merged[k++] = batch[j++]!;
    this.posts.length = 0;
    for (const p of merged) this.posts.push(p);
    this.version++;
    return batch;
  }

  rememberText(post: SandboxPost): void {
    this.apiTexts.set(`${post.author.id}\n${post.text.trim()}`, post);
  }

  duplicateOf(authorId: string, text: string): SandboxPost | undefined {
    const p = this.apiTexts.get(`${authorId}\n${text.trim()}`);
    return p && !p.deleted ? p : undefined;
  }

  markDeleted(post: SandboxPost, at: number): void {
    if (post.deleted) return;
    post.deleted = true;
    this.deletions.push({ tweet_id: post.id, author_id: post.author.id, event_at: new Date(at).toISOString() });
  }

  /** Index of the first post whose key is >= key. */
  lowerBound(key: IdKey): number {
    let lo = 0;
    let hi = this.posts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(this.posts[mid]!, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  byClientKey(clientId: string): SandboxPost | undefined {
    return this.byClientId.get(clientId);
  }

  rememberClientKey(clientId: string, post: SandboxPost): void {
    this.byClientId.set(clientId, post);
  }

  clear(): void {
    this.posts.length = 0;
    this.byId.clear();
    this.byClientId.clear();
    this.deletions.length = 0;
    this.apiTexts.clear();
    this.version++;
  }

  private nextSeq(ms: number, batchPrevSeq: number | undefined): number {
    // Highest stored seq in this millisecond: the post just before the first id of ms+1.
    const idx = this.lowerBound({ ms: ms + 1, seq: 0 }) - 1;
    const before = this.posts[idx];
    let seq = before && before.ms === ms ? before.seq + 1 : 0;
    if (batchPrevSeq !== undefined) seq = Math.max(seq, batchPrevSeq + 1);
    if (seq > MAX_SEQ) throw new Error(`more than ${MAX_SEQ} posts in one millisecond`);
    return seq;
  }

  private insertSorted(post: SandboxPost): void {
    this.byId.set(post.id, post);
    const last = this.posts[this.posts.length - 1];
    if (!last || cmp(last, post) < 0) {
      this.posts.push(post);
      return;
    }
    this.posts.splice(this.lowerBound(post), 0, post);
    this.version++;
  }
}

function cmp(a: IdKey, b: IdKey): number {
  return a.ms - b.ms || a.seq - b.seq;
}

function buildPost(input: NewPost, seq: number): SandboxPost {
  const id = snowflakeToString(input.ms, seq);
  const kind = input.kind ?? "original";
  const ref = input.refPost;
  return {
    id,
    ms: input.ms,
    seq,
    text: input.text,
    norm: foldForSearch(input.text),
    author: input.author,
    kind,
    refId: ref?.id,
    refAuthor: ref?.author,
    // Replies join the conversation of the post they answer; everything else starts its own.
    conversationId: kind === "reply" && ref ? ref.conversationId : id,
    lang: input.lang ?? "en",
    flags: computeFlags(input.text),
    deleted: false,
    sentiment: input.sentiment,
    source: input.source ?? "Twitter Web App",
    metrics: input.metrics,
    renderKey: undefined,
    renderJson: undefined,
  };
}
