/**
 * Search throughput of the sandbox: seeds N posts (default 100,000; first CLI argument), then
 * pages through one broad query with max_results=100
 *   1. sequentially with the real twitter-api-v2 client (paginator.fetchLast), and
 *   2. with 8 parallel raw fetch pagers,
 * and prints pages/s for each plus one JSON line. Server and client share this process (one
 * event loop), so the figures are a floor for a separately running sandbox.
 *
 *   npm run bench:sandbox -- [posts]
 */
import type { TwitterApi } from "twitter-api-v2";
import { DEV_BEARER_TOKEN, startSandbox } from "../../src/sandbox/start-sandbox";
import { createTwitterAppClient } from "../../src/server/social/twitter/twitter-client";

/** The app's own client factory, aimed at this in-process sandbox. */
function sandboxClient(origin: string): TwitterApi {
  return createTwitterAppClient(DEV_BEARER_TOKEN, { baseUrl: origin });
}

const QUERY = "@BrandX OR #BrandX OR BrandX";

async function main(): Promise<void> {
  const posts = Number(process.argv[2] ?? 100_000);
  const sandbox = await startSandbox({
    port: 0,
    clock: { start: Date.now(), frozen: true },
    generator: { authorCount: 5000 },
    rateLimits: { "GET /2/tweets/search/recent": { app: 1_000_000_000, user: 1_000_000_000 } },
  });
  try {
    const seeded = sandbox.generator.bulkSeed(posts, 6 * 24 * 3_600_000);
    const rss = Math.round(process.memoryUsage().rss / 1_048_576);
    console.log(`seeded ${posts} posts in ${seeded.ms} ms (${Math.round(posts / (seeded.ms / 1000))} posts/s), rss ${rss} MiB`);

    const client = sandboxClient(sandbox.url);
    const searchParams = () => ({
      max_results: 100,
      "tweet.fields": ["created_at", "author_id", "public_metrics", "entities"] as ("created_at" | "author_id" | "public_metrics" | "entities")[],
      expansions: ["author_id"] as "author_id"[],
      "user.fields": ["public_metrics"] as "public_metrics"[],
    });
    // Warm-up (first request compiles the query and scans the store once).
    const tScan = performance.now();
    await client.v2.search(QUERY, searchParams());
    const firstScanMs = Math.round(performance.now() - tScan);

    // Page by page the way a worker does (one request per page, each response processed on its
    // own): a fresh paginator per page, so client-side merging of earlier pages costs nothing.
    const t1 = performance.now();
    let clientPages = 0;
    let clientPosts = 0;
    let nextToken: string | undefined;
    do {
      const page = await client.v2.search(QUERY, { ...searchParams(), ...(nextToken ? { next_token: nextToken } : {}) });
      clientPages++;
      clientPosts += page.tweets.length;
      nextToken = page.meta.next_token;
    } while (nextToken);
    const clientSecs = (performance.now() - t1) / 1000;
    const clientRate = clientPages / clientSecs;
    console.log(
      `twitter-api-v2 sequential, page by page: ${clientPages} pages, ${clientPosts} posts in ${clientSecs.toFixed(2)} s → ${clientRate.toFixed(0)} pages/s`,
    );

    // The same walk with one paginator accumulating every page (fetchNext), as fetchLast does.
    const t3 = performance.now();
    const paginator = await client.v2.search(QUERY, searchParams());
    let accPages = 1;
    while (!paginator.done) {
      await paginator.fetchNext(100);
      accPages++;
    }
    const accRate = accPages / ((performance.now() - t3) / 1000);
    console.log(`twitter-api-v2 accumulating paginator (fetchNext): ${accPages} pages → ${accRate.toFixed(0)} pages/s`);

    const pagers = 8;
    const qs = `query=${encodeURIComponent(QUERY)}&max_results=100&tweet.fields=created_at,author_id,public_metrics,entities&expansions=author_id&user.fields=public_metrics`;
    const headers = { authorization: `Bearer ${DEV_BEARER_TOKEN}` };
    const t2 = performance.now();
    const counts = await Promise.all(
      Array.from({ length: pagers }, async () => {
        let pages = 0;
        let token: string | undefined;
        do {
          const res = await fetch(`${sandbox.url}/2/tweets/search/recent?${qs}${token ? `&next_token=${token}` : ""}`, { headers });
          if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
          const body = (await res.json()) as { meta: { next_token?: string } };
          token = body.meta.next_token;
          pages++;
        } while (token);
        return pages;
      }),
    );
    const rawPages = counts.reduce((a, b) => a + b, 0);
    const rawSecs = (performance.now() - t2) / 1000;
    const rawRate = rawPages / rawSecs;
    console.log(`raw fetch, ${pagers} parallel pagers: ${rawPages} pages in ${rawSecs.toFixed(2)} s → ${rawRate.toFixed(0)} pages/s`);
    console.log(
      JSON.stringify({
        bench: "sandbox-search-throughput",
        posts,
        seed_ms: seeded.ms,
        first_scan_ms: firstScanMs,
        matching_posts: clientPosts,
        client_sequential_pages_per_s: Math.round(clientRate),
        client_accumulating_pages_per_s: Math.round(accRate),
        raw_parallel_pages_per_s: Math.round(rawRate),
        page_size: 100,
        rss_mib: Math.round(process.memoryUsage().rss / 1_048_576),
      }),
    );
  } finally {
    await sandbox.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
