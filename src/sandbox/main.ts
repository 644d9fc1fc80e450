/**
 * `npm run sandbox`: the social sandbox on SANDBOX_HOST:SANDBOX_PORT (127.0.0.1:4010 by default)
 * with the live traffic generator at SANDBOX_TRAFFIC_PER_MINUTE posts per minute.
 */
import { getSandboxEnv } from "@/server/env";
import { startSandbox } from "./start-sandbox";

async function main(): Promise<void> {
  const env = getSandboxEnv();
  const sandbox = await startSandbox({
    host: env.SANDBOX_HOST,
    port: env.SANDBOX_PORT,
    seed: env.SANDBOX_SEED,
    twitter: { clientId: env.TWITTER_CLIENT_ID, clientSecret: env.TWITTER_CLIENT_SECRET },
    foursquare: {
      clientId: env.FOURSQUARE_CLIENT_ID,
      clientSecret: env.FOURSQUARE_CLIENT_SECRET,
      pushSecret: env.FOURSQUARE_PUSH_SECRET,
    },
    generator: {
      postsPerMinute: env.SANDBOX_TRAFFIC_PER_MINUTE,
      brandKeywords: env.SANDBOX_BRAND_KEYWORDS,
      brandHandles: env.SANDBOX_BRAND_HANDLES,
      brandHashtags: env.SANDBOX_BRAND_HASHTAGS,
    },
    initialPosts: env.SANDBOX_INITIAL_POSTS,
    startGenerator: env.SANDBOX_TRAFFIC_PER_MINUTE > 0,
    smtp: env.SANDBOX_SMTP_PORT > 0 ? { port: env.SANDBOX_SMTP_PORT } : undefined,
  });
  console.log(
    `[sandbox] X API v2 + Foursquare emulator on ${sandbox.url} (seed ${env.SANDBOX_SEED}, ${env.SANDBOX_TRAFFIC_PER_MINUTE} posts/min); admin API at ${sandbox.url}/__admin/health`,
  );
  if (sandbox.smtp) {
    console.log(`[sandbox] mail catcher on ${sandbox.smtp.url} (SMTP_URL); read the mail at ${sandbox.url}/__mail (this machine only)`);
  }
  const stop = (signal: string) => {
    console.log(`[sandbox] ${signal}: shutting down`);
    void sandbox.close().then(() => process.exit(0));
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error("[sandbox] failed to start:", err instanceof Error ? err.message : err);
  process.exit(1);
});
