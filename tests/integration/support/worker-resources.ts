/**
 * Integration files run in parallel, one vitest worker each at a time; every worker owns a
 * database and a Redis database of its own, so a file's reset never empties another's tables.
 * Worker 1 keeps the configured names (TEST_DATABASE_URL / TEST_REDIS_URL); worker k gets
 * `<name>_w<k>_test` and the Redis database k−1 below the configured one.
 */
export function workerDatabaseUrl(baseUrl: string, workerId: number): string {
  if (workerId <= 1) return baseUrl;
  const url = new URL(baseUrl);
  url.pathname = `/${url.pathname.slice(1).replace(/_test$/, "")}_w${workerId}_test`;
  return url.toString();
}

export function workerRedisUrl(baseUrl: string, workerId: number): string {
  if (workerId <= 1) return baseUrl;
  const url = new URL(baseUrl);
  const base = Number(url.pathname.slice(1) || "0");
  const db = base - (workerId - 1);
  if (db < 0) throw new Error(`TEST_REDIS_URL's database ${base} leaves no Redis database for integration worker ${workerId}; use a higher one`);
  url.pathname = `/${db}`;
  return url.toString();
}
