/** /__admin routes for X data: users, posts, tokens, compliance events. */
import { z } from "zod";
import { toMs } from "../core/clock";
import { HttpError, sendJson } from "../http/http-kit";
import type { Router } from "../http/router";
import type { SandboxState } from "../sandbox-state";
import type { SandboxPost, SandboxUser } from "../store/store-types";
import { mintUserId } from "../generator/population";
import { isoSeconds } from "../twitter/x-fields";
import { X_SCOPES } from "../twitter/x-auth";
import { adminNotFound, parseAdminBody } from "./admin-kit";

const ZTime = z.union([z.number(), z.string()]);
const ZUserInput = z.object({
  id: z
    .string()
    .regex(/^[0-9]{1,19}$/)
    .optional(),
  username: z.string().regex(/^[A-Za-z0-9_]{1,15}$/),
  name: z.string().optional(),
  description: z.string().optional(),
  location: z.string().optional(),
  verified: z.boolean().optional(),
  protected: z.boolean().optional(),
  followers_count: z.number().int().min(0).optional(),
  following_count: z.number().int().min(0).optional(),
  created_at: ZTime.optional(),
});
const ZUserPatch = ZUserInput.omit({ id: true, username: true, created_at: true }).partial();
const ZPostInput = z.object({
  author: z.string().min(1),
  text: z.string().min(1).max(10_000),
  created_at: ZTime.optional(),
  lang: z.string().min(2).max(5).optional(),
  kind: z.enum(["original", "retweet", "reply", "quote"]).optional(),
  ref_id: z
    .string()
    .regex(/^[0-9]{1,19}$/)
    .optional(),
  sentiment: z.enum(["positive", "neutral", "negative"]).optional(),
  /** Idempotency key: the same client_id again returns the post it created instead of a new one. */
  client_id: z.string().min(1).max(128).optional(),
});
/** Bounded by the 2 MiB body limit (≈ 200 bytes a post). */
const MAX_BULK = 5000;
const ZBulkPosts = z.object({ posts: z.array(ZPostInput).min(1).max(MAX_BULK) }).strict();
type PostInput = z.infer<typeof ZPostInput>;
const ZToken = z.object({
  username: z.string().min(1),
  scopes: z.array(z.string()).default(["tweet.read", "tweet.write", "users.read", "offline.access"]),
  expires_in: z.number().int().min(1).optional(),
});

export function adminUser(u: SandboxUser): Record<string, unknown> {
  return {
    id: u.id,
    username: u.username,
    name: u.name,
    verified: u.verified,
    protected: u.protected,
    followers_count: u.followersCount,
    following_count: u.followingCount,
    tweet_count: u.tweetCount,
    created_at: isoSeconds(u.createdAt),
  };
}

export function adminPost(p: SandboxPost): Record<string, unknown> {
  return {
    id: p.id,
    text: p.text,
    author_id: p.author.id,
    author_username: p.author.username,
    created_at: isoSeconds(p.ms),
    kind: p.kind,
    ref_id: p.refId,
    lang: p.lang,
    deleted: p.deleted,
    sentiment: p.sentiment,
  };
}

const ZLikes = z.object({ users: z.array(z.string().min(1)).min(1).max(1000) }).strict();

export function registerAdminXRoutes(router: Router, state: SandboxState): void {
  const findUser = (ref: string) => state.users.get(ref) ?? state.users.byUsername(ref.replace(/^@/, ""));

  router.on("POST", "/__admin/users", async (ctx) => {
    const b = await parseAdminBody(ctx, ZUserInput);
    if (state.users.byUsername(b.username) || (b.id && state.users.get(b.id))) return sendJson(ctx, 409, { error: "conflict", detail: "user exists" });
    const u = state.users.add({
      id: b.id ?? mintUserId(state.adminPrng, state.users),
      username: b.username,
      ...(b.name !== undefined ? { name: b.name } : {}),
      ...(b.description !== undefined ? { description: b.description } : {}),
      ...(b.location !== undefined ? { location: b.location } : {}),
      verified: b.verified ?? false,
      protected: b.protected ?? false,
      followersCount: b.followers_count ?? 0,
      followingCount: b.following_count ?? 0,
      createdAt: b.created_at !== undefined ? toMs(b.created_at) : state.clock.now(),
    });
    sendJson(ctx, 201, adminUser(u));
  });
  router.on("GET", "/__admin/users/:ref", (ctx) => {
    const u = findUser(ctx.params.ref ?? "");
    if (!u) throw adminNotFound("user");
    sendJson(ctx, 200, adminUser(u));
  });
  router.on("PATCH", "/__admin/users/:ref", async (ctx) => {
    const u = findUser(ctx.params.ref ?? "");
    if (!u) throw adminNotFound("user");
    const b = await parseAdminBody(ctx, ZUserPatch);
    if (b.name !== undefined) u.name = b.name;
    if (b.description !== undefined) u.description = b.description;
    if (b.location !== undefined) u.location = b.location;
    if (b.verified !== undefined) u.verified = b.verified;
    if (b.protected !== undefined) u.protected = b.protected;
    if (b.followers_count !== undefined) u.followersCount = b.followers_count;
    if (b.following_count !== undefined) u.followingCount = b.following_count;
    // is:verified results depend on users: drop cached matches.
    state.search.clear();
    sendJson(ctx, 200, adminUser(u));
  });

  /** Resolves author and referenced post, or throws; nothing is created until every input passes. */
  const prepare = (b: PostInput) => {
    const author = findUser(b.author);
    if (!author) throw adminNotFound("author");
    const ref = b.ref_id ? state.posts.get(b.ref_id) : undefined;
    if (b.ref_id && !ref) throw adminNotFound("referenced post");
    const existing = b.client_id === undefined ? undefined : state.posts.byClientKey(b.client_id);
    if (existing && (existing.author.id !== author.id || existing.text !== b.text)) {
      throw new HttpError(409, { error: "conflict", detail: `client_id ${b.client_id} already names a different post (${existing.id})` });
    }
    return { b, author, ref, existing };
  };
  const create = ({ b, author, ref, existing }: ReturnType<typeof prepare>): { post: SandboxPost; replayed: boolean } => {
    const again = existing ?? (b.client_id === undefined ? undefined : state.posts.byClientKey(b.client_id));
    if (again) return { post: again, replayed: true };
    const post = state.posts.add({
      ms: b.created_at !== undefined ? toMs(b.created_at) : state.clock.now(),
      text: b.text,
      author,
      kind: b.kind ?? (ref ? "reply" : "original"),
      refPost: ref,
      ...(b.lang ? { lang: b.lang } : {}),
      sentiment: b.sentiment,
    });
    if (b.client_id !== undefined) state.posts.rememberClientKey(b.client_id, post);
    author.tweetCount++;
    return { post, replayed: false };
  };

  router.on("POST", "/__admin/posts", async (ctx) => {
    const { post, replayed } = create(prepare(await parseAdminBody(ctx, ZPostInput)));
    sendJson(ctx, replayed ? 200 : 201, { ...adminPost(post), replayed });
  });
  router.on("POST", "/__admin/posts/bulk", async (ctx) => {
    const { posts } = await parseAdminBody(ctx, ZBulkPosts);
    const keys = new Map<string, PostInput>();
    for (const b of posts) {
      const first = b.client_id === undefined ? undefined : keys.get(b.client_id);
      if (first && (first.author !== b.author || first.text !== b.text)) {
        throw new HttpError(409, { error: "conflict", detail: `client_id ${b.client_id} is used twice for different posts` });
      }
      if (b.client_id !== undefined) keys.set(b.client_id, b);
    }
    const prepared = posts.map(prepare);
    const results = prepared.map(create);
    const created = results.filter((r) => !r.replayed).length;
    sendJson(ctx, created > 0 ? 201 : 200, {
      created,
      replayed: results.length - created,
      posts: results.map((r, i) => ({ id: r.post.id, client_id: posts[i]!.client_id, replayed: r.replayed })),
    });
  });
  router.on("POST", "/__admin/posts/:id/likes", async (ctx) => {
    const p = state.posts.get(ctx.params.id ?? "");
    if (!p) throw adminNotFound("post");
    const b = await parseAdminBody(ctx, ZLikes);
    const likers = b.users.map((ref) => findUser(ref));
    if (likers.some((u) => !u)) throw adminNotFound("user");
    const known = new Set((p.likedBy ?? []).map((u) => u.id));
    const fresh = (likers as SandboxUser[]).filter((u) => !known.has(u.id) && known.add(u.id));
    p.likedBy = [...fresh.reverse(), ...(p.likedBy ?? [])];
    sendJson(ctx, 200, { id: p.id, liking_users: p.likedBy.map((u) => u.id) });
  });
  router.on("GET", "/__admin/posts/:id", (ctx) => {
    const p = state.posts.get(ctx.params.id ?? "");
    if (!p) throw adminNotFound("post");
    sendJson(ctx, 200, adminPost(p));
  });
  router.on("DELETE", "/__admin/posts/:id", (ctx) => {
    const p = state.posts.get(ctx.params.id ?? "");
    if (!p) throw adminNotFound("post");
    state.posts.markDeleted(p, state.clock.now());
    sendJson(ctx, 200, adminPost(p));
  });
  router.on("GET", "/__admin/posts", (ctx) => {
    // Diagnostics: how many live posts a query matches right now.
    const query = ctx.query.get("query");
    sendJson(ctx, 200, { total: state.posts.size, ...(query ? { matching: state.search.count(query) } : {}) });
  });

  router.on("POST", "/__admin/tokens", async (ctx) => {
    const b = await parseAdminBody(ctx, ZToken);
    const unknown = b.scopes.filter((s) => !X_SCOPES.has(s));
    if (unknown.length) return sendJson(ctx, 400, { error: "invalid_scope", detail: unknown.join(" ") });
    const name = b.username.replace(/^@/, "");
    const user = findUser(name) ?? state.users.add({ id: mintUserId(state.adminPrng, state.users), username: name, createdAt: state.clock.now() });
    const clientId = [...state.xAuth.clients.keys()][0]!;
    const t = state.xAuth.issueUserTokens(clientId, user.id, b.scopes, undefined, b.expires_in ? b.expires_in * 1000 : undefined);
    sendJson(ctx, 201, {
      token_type: "bearer",
      access_token: t.accessToken,
      expires_in: t.expiresIn,
      scope: t.scopes.join(" "),
      ...(t.refreshToken ? { refresh_token: t.refreshToken } : {}),
      user: adminUser(user),
    });
  });

  router.on("GET", "/__admin/compliance/events", (ctx) => {
    const since = ctx.query.get("since");
    const sinceMs = since ? Date.parse(since) : -Infinity;
    sendJson(ctx, 200, { data: state.posts.deletions.filter((d) => Date.parse(d.event_at) >= sinceMs) });
  });
}
