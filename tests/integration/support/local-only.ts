/** Tests wipe their database and Redis: refuse anything that is not on this machine. */
export function assertLocalUrl(url: string, what: string): void {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(`refusing to run tests against a non-local ${what}: ${host}`);
  }
}

export function assertTestDatabase(url: string): void {
  assertLocalUrl(url, "database");
  const name = new URL(url).pathname.slice(1);
  if (!name.endsWith("_test")) throw new Error(`the test database name must end in _test (got ${name})`);
}
