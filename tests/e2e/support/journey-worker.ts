import { spawn, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { E2E_DATABASE_URL, E2E_SANDBOX_URL, E2E_SMTP_PORT } from "../../../playwright.config";
import { withClient } from "./db";
import { E2E_REDIS_URL } from "./queues";

export interface JourneyWorker {
  stop(): Promise<void>;
  /** What the worker printed (pino JSON lines), for a failure's message. */
  output(): string;
}

/**
 * Starts the real worker process (`npm run worker`'s entry) against the e2e server's database,
 * Redis and social sandbox, delivering mail over SMTP to the sandbox's catcher. Listening polls
 * every second so a post in the sandbox is collected while the test waits.
 *
 * Only `tenantId` listens: the screens' specs left queues and sources behind that are not this
 * journey's (their Redis database is emptied, their sources switched off), so the worker does
 * this journey's work and nothing else.
 */
export async function startJourneyWorker(tenantId: string): Promise<JourneyWorker> {
  const redis = new Redis(E2E_REDIS_URL, { maxRetriesPerRequest: null });
  await redis.flushdb();
  await redis.quit();
  await withClient((c) => c.query(`UPDATE "ListeningSource" SET enabled = false WHERE "tenantId" <> $1 AND enabled`, [tenantId]));

  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/workers/main.ts", "--exit-with-parent"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      LOG_LEVEL: "info",
      DATABASE_URL: E2E_DATABASE_URL,
      REDIS_URL: E2E_REDIS_URL,
      NEXTAUTH_SECRET: "e2e-only-nextauth-secret-0123456789abcdef",
      ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
      TWITTER_API_BASE_URL: E2E_SANDBOX_URL,
      SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
      LISTENING_SCHEDULER_EVERY_MS: "1000",
      LISTENING_POLL_INTERVAL_SECONDS: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let printed = "";
  const started = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker did not start within 60 s:\n${printed}`)), 60_000);
    const read = (chunk: Buffer) => {
      printed += chunk.toString();
      if (printed.includes('"worker started"')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the worker exited (${code}) before it started:\n${printed}`));
    });
  });
  await started;
  return {
    output: () => printed.slice(-4000),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}
