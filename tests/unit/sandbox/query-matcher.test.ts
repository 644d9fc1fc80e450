import { describe, expect, it } from "vitest";
import { PostStore } from "@/sandbox/store/post-store";
import { UserStore } from "@/sandbox/store/user-store";
import { compileQuery } from "@/sandbox/twitter/query-matcher";

const users = new UserStore();
const jane = users.add({ id: "101", username: "JaneDoe", createdAt: 0, verified: true });
const bob = users.add({ id: "102", username: "bob_k", createdAt: 0 });
const store = new PostStore();
const T = Date.UTC(2026, 10, 20);
const original = store.add({ ms: T, author: jane, text: "Great coffee at @BrandX today! #BrandXLove ☕ https://t.co/abc123" });
const retweet = store.add({ ms: T + 1, author: bob, kind: "retweet", refPost: original, text: "RT @JaneDoe: Great coffee at @BrandX today!" });
const reply = store.add({ ms: T + 2, author: bob, kind: "reply", refPost: original, text: "@JaneDoe the café was closed, brand-x fail", lang: "fr" });
const quote = store.add({ ms: T + 3, author: bob, kind: "quote", refPost: original, text: "Crème brûlée latte is back $BRX" });
const all = [original, retweet, reply, quote];

function ids(query: string): string[] {
  const match = compileQuery(query);
  return all.filter(match).map((p) => p.id);
}

describe("compileQuery", () => {
  it("matches keywords as whole tokens, case-insensitively", () => {
    expect(ids("COFFEE")).toEqual([original.id, retweet.id]);
    expect(ids("coff")).toEqual([]);
    // "#BrandXLove" and "@BrandX" are split at punctuation: the keyword brandx hits the mention.
    expect(ids("brandx")).toEqual([original.id, retweet.id]);
  });

  it("ignores accents, as X search does", () => {
    expect(ids("cafe")).toEqual([reply.id]);
    expect(ids('"creme brulee"')).toEqual([quote.id]);
  });

  it("matches exact phrases across punctuation but not out of order", () => {
    expect(ids('"great coffee"')).toEqual([original.id, retweet.id]);
    expect(ids('"coffee great"')).toEqual([]);
    expect(ids('"brand x"')).toEqual([reply.id]);
  });

  it("matches #hashtags and @mentions exactly, not as prefixes", () => {
    expect(ids("#brandxlove")).toEqual([original.id]);
    expect(ids("#brandx")).toEqual([]);
    expect(ids("@brandx")).toEqual([original.id, retweet.id]);
    expect(ids("@janedoe")).toEqual([retweet.id, reply.id]);
    expect(ids("$brx")).toEqual([quote.id]);
  });

  it("applies from:, to:, retweets_of:, conversation and reference operators", () => {
    expect(ids("from:janedoe")).toEqual([original.id]);
    expect(ids("from:102")).toEqual([retweet.id, reply.id, quote.id]);
    expect(ids("to:JaneDoe")).toEqual([reply.id]);
    expect(ids("retweets_of:janedoe")).toEqual([retweet.id]);
    expect(ids(`conversation_id:${original.id}`)).toEqual([original.id, reply.id]);
    expect(ids(`quotes_of_tweet_id:${original.id}`)).toEqual([quote.id]);
  });

  it("combines OR, grouping and negation with -is:retweet", () => {
    expect(ids("(@brandx OR cafe) -is:retweet")).toEqual([original.id, reply.id]);
    expect(ids("from:bob_k -is:reply -is:quote")).toEqual([retweet.id]);
  });

  it("filters by lang:, is:verified and has:", () => {
    expect(ids("from:bob_k lang:fr")).toEqual([reply.id]);
    expect(ids("coffee is:verified")).toEqual([original.id]);
    expect(ids("coffee has:links")).toEqual([original.id]);
    expect(ids("from:bob_k has:cashtags")).toEqual([quote.id]);
  });

  it("matches emoji by substring", () => {
    expect(ids("☕")).toEqual([original.id]);
  });
});
