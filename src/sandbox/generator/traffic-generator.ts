/**
 * Deterministic traffic: the same seed and configuration produce the same authors, texts,
 * retweet/reply structure and deletions, whatever the wall-clock timing. Live mode generates
 * `postsPerMinute` on the sandbox clock at each tick; `burst` and `bulkSeed` generate on demand,
 * the latter straight into the store (no HTTP per post) so a million posts take seconds.
 */
import type { SandboxClock } from "../core/clock";
import { Prng } from "../core/prng";
import type { NewPost, PostStore } from "../store/post-store";
import type { SandboxPost, SandboxUser } from "../store/store-types";
import type { UserStore } from "../store/user-store";
import { SOURCES } from "./corpus";
import { DEFAULT_GENERATOR_CONFIG, type GeneratorConfig } from "./generator-config";
import { composeOriginal, composeQuote, composeReply, retweetText } from "./post-composer";
import { createAuthors, mintUserId } from "./population";

export interface GeneratorHost {
  clock: SandboxClock;
  users: UserStore;
  posts: PostStore;
  /** Creates one Foursquare check-in (and its push) for a generated visit; undefined = no Foursquare. */
  generateCheckin?: (prng: Prng, venues: GeneratorConfig["venues"], ms: number) => void;
}

export interface GeneratorStats {
  posts: number;
  originals: number;
  retweets: number;
  replies: number;
  quotes: number;
  deletions: number;
  checkins: number;
  bySentiment: Record<"positive" | "neutral" | "negative", number>;
  byLinkedCustomers: number;
}

const POOL_SIZE = 4096;
const MAX_PER_TICK = 50_000;

export class TrafficGenerator {
  config: GeneratorConfig;
  authors: SandboxUser[] = [];
  brandUsers: SandboxUser[] = [];
  linked: SandboxUser[] = [];
  stats: GeneratorStats = emptyStats();
  private prng: Prng;
  private readonly popPrng: Prng;
  /** Recent generated posts available as retweet/reply/quote targets and deletion victims. */
  private pool: SandboxPost[] = [];
  private poolAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private lastTickMs: number;
  private carryPosts = 0;
  private carryCheckins = 0;

  constructor(
    private readonly host: GeneratorHost,
    seed: number,
    config: Partial<GeneratorConfig> = {},
  ) {
    this.config = { ...DEFAULT_GENERATOR_CONFIG, ...config };
    this.prng = new Prng(seed);
    this.popPrng = new Prng(seed ^ 0x5eed);
    this.lastTickMs = host.clock.now();
    this.setupPopulation();
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  configure(patch: Partial<GeneratorConfig>): GeneratorConfig {
    this.config = { ...this.config, ...patch };
    this.setupPopulation();
    return this.config;
  }

  start(): void {
    if (this.timer) return;
    this.lastTickMs = this.host.clock.now();
    this.timer = setInterval(() => this.tick(), this.config.tickMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Generates what the configured rates owe for the sandbox time elapsed since the last tick. */
  tick(): { posts: number; checkins: number } {
    const now = this.host.clock.now();
    const elapsed = Math.max(0, now - this.lastTickMs);
    const from = this.lastTickMs;
    this.lastTickMs = now;
    this.carryPosts += (elapsed * this.config.postsPerMinute) / 60_000;
    this.carryCheckins += (elapsed * this.config.checkinsPerMinute) / 60_000;
    const nPosts = Math.min(MAX_PER_TICK, Math.floor(this.carryPosts));
    const nCheckins = Math.min(MAX_PER_TICK, Math.floor(this.carryCheckins));
    this.carryPosts -= Math.floor(this.carryPosts);
    this.carryCheckins -= Math.floor(this.carryCheckins);
    for (let i = 0; i < nPosts; i++) this.generateOne(from + Math.round(((i + 1) * elapsed) / nPosts));
    for (let i = 0; i < nCheckins; i++) this.checkin(from + Math.round(((i + 1) * elapsed) / nCheckins));
    return { posts: nPosts, checkins: nCheckins };
  }

  /** `count` posts now (spread over the last `withinMs`), each stored as it is generated. */
  burst(count: number, withinMs = 0): SandboxPost[] {
    const now = this.host.clock.now();
    const out: SandboxPost[] = [];
    for (let i = 0; i < count; i++) out.push(this.generateOne(now - withinMs + Math.round(((i + 1) * withinMs) / count)));
    return out;
  }

  /**
   * Pre-generates `count` posts spread over [endAt − spanMs, endAt] in chunks merged into the
   * store in one pass each. References (RT/reply/quote) point to posts of earlier chunks.
   */
  bulkSeed(count: number, spanMs: number, endAt = this.host.clock.now()): { posts: number; ms: number } {
    const t0 = performance.now();
    const start = endAt - spanMs;
    // Chunks grow geometrically: early small chunks give later ones retweet/reply targets, and
    // few large chunks keep the number of merges with existing posts low.
    let chunk = 256;
    for (let done = 0; done < count; done += chunk, chunk = Math.min(chunk * 2, 50_000)) {
      const n = Math.min(chunk, count - done);
      const inputs: NewPost[] = [];
      for (let i = 0; i < n; i++) {
        const ms = start + Math.floor(((done + i + 1) * spanMs) / count);
        inputs.push(this.composeInput(ms));
      }
      const stored = this.host.posts.addBatch(inputs);
      for (const p of stored) this.afterStore(p, endAt);
    }
    return { posts: count, ms: Math.round(performance.now() - t0) };
  }

  private generateOne(ms: number): SandboxPost {
    const post = this.host.posts.add(this.composeInput(ms));
    this.afterStore(post, ms);
    return post;
  }

  private composeInput(ms: number): NewPost {
    const prng = this.prng;
    const cfg = this.config;
    const author = this.pickAuthor();
    const source = prng.pick(SOURCES);
    const r = prng.float();
    const target = this.pool.length > 0 ? this.pool[prng.int(0, this.pool.length - 1)] : undefined;
    const usable = target && !target.deleted && target.author !== author ? target : undefined;
    if (usable && r < cfg.retweetShare && usable.kind !== "retweet") {
      return {
        ms,
        author,
        source,
        kind: "retweet",
        refPost: usable,
        lang: usable.lang,
        sentiment: usable.sentiment,
        text: retweetText(usable.author.username, usable.text),
      };
    }
    if (usable && r < cfg.retweetShare + cfg.replyShare) {
      const c = composeReply(prng, cfg, usable.author.username);
      return { ms, author, source, kind: "reply", refPost: usable, lang: c.lang, sentiment: c.sentiment, text: c.text };
    }
    if (usable && r < cfg.retweetShare + cfg.replyShare + cfg.quoteShare && usable.kind !== "retweet") {
      const c = composeQuote(prng, cfg);
      return { ms, author, source, kind: "quote", refPost: usable, lang: c.lang, sentiment: c.sentiment, text: c.text };
    }
    const c = composeOriginal(prng, cfg);
    return { ms, author, source, kind: "original", lang: c.lang, sentiment: c.sentiment, text: c.text };
  }

  private afterStore(post: SandboxPost, now: number): void {
    const s = this.stats;
    s.posts++;
    if (post.kind === "retweet") s.retweets++;
    else if (post.kind === "reply") s.replies++;
    else if (post.kind === "quote") s.quotes++;
    else s.originals++;
    if (post.sentiment) s.bySentiment[post.sentiment]++;
    if (this.linked.includes(post.author)) s.byLinkedCustomers++;
    post.author.tweetCount++;
    if (this.prng.chance(this.config.deleteRate) && this.pool.length > 0) {
      const victim = this.pool[this.prng.int(0, this.pool.length - 1)]!;
      if (!victim.deleted) {
        this.host.posts.markDeleted(victim, now);
        s.deletions++;
      }
    }
    if (this.pool.length < POOL_SIZE) this.pool.push(post);
    else {
      this.pool[this.poolAt] = post;
      this.poolAt = (this.poolAt + 1) % POOL_SIZE;
    }
  }

  private checkin(ms: number): void {
    if (!this.host.generateCheckin || this.config.venues.length === 0) return;
    this.host.generateCheckin(this.prng, this.config.venues, ms);
    this.stats.checkins++;
  }

  private pickAuthor(): SandboxUser {
    if (this.linked.length > 0 && this.prng.chance(this.config.linkedShare)) return this.prng.pick(this.linked);
    return this.authors[this.prng.int(0, Math.min(this.config.authorCount, this.authors.length) - 1)]!;
  }

  /** Idempotent: creates missing brand accounts, linked customers and authors; never removes any. */
  private setupPopulation(): void {
    const { users, clock } = this.host;
    const now = clock.now();
    this.brandUsers = this.config.brandHandles.map(
      (h) =>
        users.byUsername(h) ??
        users.add({
          id: mintUserId(this.popPrng, users),
          username: h,
          name: h.replace(/([a-z])([A-Z])/g, "$1 $2"),
          createdAt: now - 3000 * 86_400_000,
          description: `Official account of ${h}.`,
          verified: true,
          followersCount: 583_423,
          followingCount: 2048,
          tweetCount: 14_052,
          listedCount: 1672,
        }),
    );
    this.linked = this.config.linkedUsers.map(
      (ref) =>
        users.get(ref) ??
        users.byUsername(ref) ??
        users.add({
          id: mintUserId(this.popPrng, users),
          username: ref.replace(/[^A-Za-z0-9_]/g, "").slice(0, 15) || "customer",
          createdAt: now - 400 * 86_400_000,
          followersCount: Math.floor(this.popPrng.pareto(50, 1.3)),
          followingCount: this.popPrng.int(50, 800),
        }),
    );
    const missing = this.config.authorCount - this.authors.length;
    // concat, not push(...): a spread of 100k+ authors overflows the call stack.
    if (missing > 0) this.authors = this.authors.concat(createAuthors(this.popPrng, users, missing, this.config.followerModel, now));
  }
}

function emptyStats(): GeneratorStats {
  return {
    posts: 0,
    originals: 0,
    retweets: 0,
    replies: 0,
    quotes: 0,
    deletions: 0,
    checkins: 0,
    bySentiment: { positive: 0, neutral: 0, negative: 0 },
    byLinkedCustomers: 0,
  };
}
