import { describe, expect, it } from "vitest";
import { parseEnv } from "../../src/server/env";
import { parseRedisUrl } from "../../src/server/redis-url";

const valid = {
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/megaphone",
  NEXTAUTH_SECRET: "x".repeat(40),
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};

describe("REDIS_URL", () => {
  it("one server keeps its URL as written, database index included", () => {
    expect(parseRedisUrl("redis://127.0.0.1:6379/3")).toEqual({ kind: "server", url: "redis://127.0.0.1:6379/3" });
    expect(parseRedisUrl("rediss://:secret@cache.example:6380")).toEqual({ kind: "server", url: "rediss://:secret@cache.example:6380" });
  });

  it("a cluster lists its seed nodes, with credentials and TLS when given", () => {
    expect(parseRedisUrl("redis+cluster://127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003")).toEqual({
      kind: "cluster",
      nodes: [
        { host: "127.0.0.1", port: 7001 },
        { host: "127.0.0.1", port: 7002 },
        { host: "127.0.0.1", port: 7003 },
      ],
      tls: false,
    });
    expect(parseRedisUrl("rediss+cluster://app:p%40ss@node-a.internal:6379,[::1]:6380/")).toEqual({
      kind: "cluster",
      nodes: [
        { host: "node-a.internal", port: 6379 },
        { host: "::1", port: 6380 },
      ],
      username: "app",
      password: "p@ss",
      tls: true,
    });
  });

  it("refuses what a cluster cannot honour or the app would misread, saying why", () => {
    expect(() => parseRedisUrl("redis+cluster://127.0.0.1:7001,127.0.0.1:7002/2")).toThrow(/only database 0/);
    expect(() => parseRedisUrl("redis+cluster://127.0.0.1:7001,127.0.0.1")).toThrow(/"127.0.0.1" is not host:port/);
    expect(() => parseRedisUrl("redis+cluster://127.0.0.1:70000")).toThrow(/not host:port/);
    expect(() => parseRedisUrl("redis://127.0.0.1:7001,127.0.0.1:7002")).toThrow(/redis\+cluster:\/\//);
    expect(() => parseRedisUrl("http://127.0.0.1:6379")).toThrow(/must be redis:\/\//);
  });

  it("the env module accepts both forms and names REDIS_URL when it refuses one", () => {
    expect(parseEnv({ ...valid, REDIS_URL: "redis+cluster://10.0.0.1:6379,10.0.0.2:6379" }).REDIS_URL).toBe("redis+cluster://10.0.0.1:6379,10.0.0.2:6379");
    expect(parseEnv({ ...valid, REDIS_URL: "redis://127.0.0.1:6379/0" }).REDIS_URL).toBe("redis://127.0.0.1:6379/0");
    expect(() => parseEnv({ ...valid, REDIS_URL: "redis+cluster://a:1/5" })).toThrow(/REDIS_URL: a Redis Cluster has only database 0/);
    expect(() => parseEnv({ ...valid, REDIS_URL: "not a url" })).toThrow(/REDIS_URL: must be/);
  });
});
