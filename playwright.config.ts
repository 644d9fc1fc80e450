import { defineConfig } from "@playwright/test";

// The e2e tier runs the built app (`next build` first, then `next start`) in Debian's Chromium,
// against its own database and Redis database, on loopback only.
// E2E_PORT / E2E_DATABASE_URL / E2E_REDIS_URL let two checkouts run the tier side by side.
const overrides = process.env;
const port = Number(overrides.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
export const E2E_DATABASE_URL = overrides.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/megaphone_e2e";
// The e2e server's own social sandbox (X + Foursquare emulator, idle generator), so the portal's
// "Connect X" / "Connect Foursquare" reach a consent page and token endpoint of this run's, not the dev sandbox of .env.
const sandboxPort = Number(overrides.E2E_SANDBOX_PORT ?? port + 1000);
export const E2E_SANDBOX_URL = `http://127.0.0.1:${sandboxPort}`;
const sandboxURL = E2E_SANDBOX_URL;
// The sandbox's SMTP catcher: only the journeys' worker delivers mail (to it); read at /__admin/mail.
export const E2E_SMTP_PORT = Number(overrides.E2E_SMTP_PORT ?? port + 2000);

export default defineConfig({
  // User journeys (tests/e2e) and the security suite's browser/HTTP cases (tests/security/*.spec.ts).
  testDir: "tests",
  testMatch: ["e2e/**/*.spec.ts", "security/**/*.spec.ts"],
  projects: [
    { name: "screens", testIgnore: ["e2e/journeys/**"] },
    // Journeys run a real worker (listening, mail, sharing), which would take the jobs other specs
    // inspect by hand; so they start once every other spec is done.
    { name: "journeys", testMatch: ["e2e/journeys/**/*.spec.ts"], dependencies: ["screens"] },
  ],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: [
    {
      command: "npx tsx src/sandbox/main.ts",
      url: `${sandboxURL}/__admin/health`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        SANDBOX_HOST: "127.0.0.1",
        SANDBOX_PORT: String(sandboxPort),
        SANDBOX_TRAFFIC_PER_MINUTE: "0",
        SANDBOX_INITIAL_POSTS: "0",
        SANDBOX_SMTP_PORT: String(E2E_SMTP_PORT),
      },
    },
    {
      command: `npx tsx tests/e2e/support/prepare-database.ts && npx next start -p ${port} -H 127.0.0.1`,
      url: `${baseURL}/api/v1/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        LOG_LEVEL: "warn",
        DATABASE_URL: E2E_DATABASE_URL,
        REDIS_URL: overrides.E2E_REDIS_URL ?? "redis://127.0.0.1:6379/14",
        APP_URL: baseURL,
        NEXTAUTH_URL: baseURL,
        NEXTAUTH_SECRET: "e2e-only-nextauth-secret-0123456789abcdef",
        ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
        LOGIN_MAX_FAILURES: "10",
        // Every spec signs up its own brands from 127.0.0.1; the limits themselves are tested in tests/security.
        ABUSE_LIMIT_MULTIPLIER: "100",
        TWITTER_API_BASE_URL: sandboxURL,
        FOURSQUARE_API_BASE_URL: sandboxURL,
        // The webhooks spec's receiver listens on 127.0.0.1, which endpoints may not name by default (SSRF).
        WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
      },
    },
  ],
});
