import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../../src/server/env";

const valid = {
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/megaphone",
  REDIS_URL: "redis://127.0.0.1:6379/0",
  NEXTAUTH_SECRET: "x".repeat(40),
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};

describe("env module", () => {
  it("accepts a complete environment and fills safe defaults", () => {
    const env = parseEnv(valid);
    expect(env.SANDBOX_PORT).toBe(4010);
    expect(env.LOGIN_MAX_FAILURES).toBe(10);
    expect(env.TWITTER_API_BASE_URL).toBeUndefined();
  });

  it("names every missing or malformed variable", () => {
    const attempt = () => parseEnv({ ...valid, DATABASE_URL: undefined, ENCRYPTION_KEY: "c2hvcnQ=", SANDBOX_PORT: "http" });
    expect(attempt).toThrow(EnvError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/DATABASE_URL/);
      expect(message).toMatch(/ENCRYPTION_KEY: must be base64 of exactly 32 bytes/);
      expect(message).toMatch(/SANDBOX_PORT/);
      expect(message).not.toMatch(/REDIS_URL/);
    }
  });

  it("refuses a database URL that is not Postgres and a short auth secret", () => {
    expect(() => parseEnv({ ...valid, DATABASE_URL: "mysql://root@localhost/x" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ ...valid, NEXTAUTH_SECRET: "short" })).toThrow(/NEXTAUTH_SECRET: must be at least 32/);
  });

  it("treats an empty optional URL as unset", () => {
    expect(parseEnv({ ...valid, TWITTER_API_BASE_URL: "" }).TWITTER_API_BASE_URL).toBeUndefined();
  });
});

describe("sandbox env", () => {
  it("needs none of the app's secrets", async () => {
    const { ZSandboxEnv } = await import("../../src/server/env");
    const env = ZSandboxEnv.parse({ SANDBOX_PORT: "4555" });
    expect(env.SANDBOX_PORT).toBe(4555);
    expect(env.SANDBOX_INITIAL_POSTS).toBe(2000);
    expect(() => ZSandboxEnv.parse({ SANDBOX_PORT: "0" })).toThrow();
  });
});
