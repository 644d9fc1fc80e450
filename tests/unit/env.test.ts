import { describe, expect, it } from "vitest";
import { DEV_ONLY_SWITCHES, EnvError, parseEnv } from "../../src/server/env";

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

/** A value that turns each development-only switch on. */
const SWITCHED_ON: Record<(typeof DEV_ONLY_SWITCHES)[number], string> = {
  MAIL_OUTBOX_PAGE: "true",
  FAULT_INJECTION: "crash-before-commit",
};

describe("development-only switches", () => {
  it("lists the outbox page and fault injection", () => {
    expect([...DEV_ONLY_SWITCHES].sort()).toEqual(["FAULT_INJECTION", "MAIL_OUTBOX_PAGE"]);
  });

  it("leaves every switch off by default", () => {
    const env = parseEnv({ ...valid, NODE_ENV: "production" });
    expect(env.MAIL_OUTBOX_PAGE).toBe(false);
    expect(env.FAULT_INJECTION).toBeUndefined();
  });

  for (const name of DEV_ONLY_SWITCHES) {
    it(`refuses ${name} when NODE_ENV=production, naming it`, () => {
      expect(() => parseEnv({ ...valid, NODE_ENV: "production", [name]: SWITCHED_ON[name] })).toThrow(
        new RegExp(`${name}: is a development-only switch and must not be set when NODE_ENV=production`),
      );
    });

    it(`allows ${name} in development and test`, () => {
      for (const NODE_ENV of ["development", "test"]) {
        expect(() => parseEnv({ ...valid, NODE_ENV, [name]: SWITCHED_ON[name] })).not.toThrow();
      }
    });
  }

  it("names every switch that is on, not just the first", () => {
    expect(() => parseEnv({ ...valid, NODE_ENV: "production", ...SWITCHED_ON })).toThrow(/MAIL_OUTBOX_PAGE[\s\S]*FAULT_INJECTION/);
  });

  it("reads MAIL_OUTBOX_PAGE=false and an empty value as off, even in production", () => {
    expect(parseEnv({ ...valid, NODE_ENV: "production", MAIL_OUTBOX_PAGE: "false" }).MAIL_OUTBOX_PAGE).toBe(false);
    expect(parseEnv({ ...valid, NODE_ENV: "production", MAIL_OUTBOX_PAGE: "" }).MAIL_OUTBOX_PAGE).toBe(false);
  });
});

describe("storage env", () => {
  it("keeps uploads on local disk by default, and needs a bucket and both keys for S3", () => {
    const env = parseEnv(valid);
    expect(env.STORAGE_DRIVER).toBe("local");
    expect(env.STORAGE_LOCAL_DIR).toBe(".data/uploads");
    expect(() => parseEnv({ ...valid, STORAGE_DRIVER: "s3", S3_BUCKET: "media" })).toThrow(
      /S3_ACCESS_KEY_ID: is required when STORAGE_DRIVER=s3[\s\S]*S3_SECRET_ACCESS_KEY/,
    );
    const s3 = parseEnv({
      ...valid,
      STORAGE_DRIVER: "s3",
      S3_BUCKET: "media",
      S3_ACCESS_KEY_ID: "k",
      S3_SECRET_ACCESS_KEY: "s",
      S3_ENDPOINT: "http://127.0.0.1:9000",
      S3_FORCE_PATH_STYLE: "true",
    });
    expect(s3).toMatchObject({ S3_REGION: "us-east-1", S3_FORCE_PATH_STYLE: true, S3_ENDPOINT: "http://127.0.0.1:9000" });
    expect(() => parseEnv({ ...valid, STORAGE_DRIVER: "ftp" })).toThrow(/STORAGE_DRIVER/);
    expect(() => parseEnv({ ...valid, S3_ENDPOINT: "not a url" })).toThrow(/S3_ENDPOINT/);
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
