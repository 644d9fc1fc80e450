import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import http from "node:http";
import type pg from "pg";
import { newEmailedToken } from "../../../src/server/crypto/emailed-token";

/**
 * The HTTP side of bench:leaderboard: the built app under `next start` against the bench's own
 * database and Redis (as bench:redeem runs it), signed-in customer sessions, and a paced load
 * generator on loopback.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface RunningApp {
  url: string;
  stop: () => void;
}

/** `next start` on 127.0.0.1:port (building first if there is no build), ready once its health route answers. */
export async function startApp(port: number, env: Record<string, string>, log: (m: string) => void): Promise<RunningApp> {
  if (!existsSync(".next/BUILD_ID")) {
    log("no build yet: npx next build");
    await new Promise<void>((resolve, reject) =>
      spawn("npx", ["next", "build"], { stdio: "inherit" }).on("exit", (code) => (code === 0 ? resolve() : reject(new Error("build failed")))),
    );
  }
  const url = `http://127.0.0.1:${port}`;
  log(`starting next start on ${url}`);
  const server = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, ...env, NODE_ENV: "production", APP_URL: url, NEXTAUTH_URL: url, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
    // Its own process group, so stopping it ends npx, next and its workers, and nothing else.
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  };
  for (let i = 0; ; i++) {
    const up = await fetch(`${url}/api/v1/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (up) break;
    if (i > 120 || server.exitCode !== null) {
      stop();
      throw new Error("the app did not start");
    }
    await sleep(1000);
  }
  return { url, stop };
}

/** Portal sessions for these customers, written as startCustomerSession writes them; answers each cookie header. */
export async function customerCookies(client: pg.Client, tenantId: string, customerIds: readonly string[]): Promise<string[]> {
  const tokens = customerIds.map(() => newEmailedToken());
  await client.query(
    `INSERT INTO "CustomerSession" ("tenantId", "customerId", "tokenHash", "createdAt", "lastSeenAt", "expiresAt")
     SELECT $1, unnest($2::text[]), unnest($3::text[]), now(), now(), now() + interval '1 day'`,
    [tenantId, customerIds, tokens.map((t) => t.tokenHash)],
  );
  return tokens.map((t) => `megaphone_portal=${t.token}`);
}

export interface LoadResult {
  /** Latency from sending to the last byte, of requests answered 200. */
  p50: number;
  p95: number;
  p99: number;
  /** Requests that were sent later than their slot because every client was busy (the target was not kept). */
  late: number;
  sent: number;
  ok: number;
  errors: number;
  statuses: Record<string, number>;
  targetRps: number;
  clients: number;
  seconds: number;
  achievedRps: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return Number(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!.toFixed(3));
}

/**
 * Paced load: request i is due at start + i/rps, and at most `clients` are in flight (each client
 * takes the next due request when its last one is answered). When the app keeps up, requests leave
 * on their slots and the achieved rate is the target; when it does not, clients send back to back
 * and the achieved rate is what the app sustains at that concurrency. Stops sending after `seconds`.
 */
export async function paceRequests(opts: {
  rps: number;
  clients: number;
  seconds: number;
  request: (i: number) => { url: string; headers?: Record<string, string> };
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.clients });
  const samples: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let late = 0;
  let sent = 0;
  let next = 0;
  const started = performance.now();
  const endAt = started + opts.seconds * 1000;
  const once = (i: number) =>
    new Promise<void>((resolve) => {
      const { url, headers } = opts.request(i);
      sent++;
      const t = performance.now();
      http
        .get(url, { agent, headers }, (res) => {
          res.resume();
          res.on("end", () => {
            statuses[String(res.statusCode)] = (statuses[String(res.statusCode)] ?? 0) + 1;
            if (res.statusCode === 200) samples.push(performance.now() - t);
            else errors++;
            resolve();
          });
        })
        .on("error", () => {
          errors++;
          resolve();
        });
    });
  await Promise.all(
    Array.from({ length: opts.clients }, async () => {
      for (;;) {
        const i = next++;
        const due = started + (i * 1000) / opts.rps;
        // The run lasts `seconds`: a backlog of late requests is not drained past the end.
        if (due >= endAt || performance.now() >= endAt) return;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        else if (wait < -5) late++;
        await once(i);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    late,
    sent,
    ok: samples.length,
    errors,
    statuses,
    targetRps: opts.rps,
    clients: opts.clients,
    seconds: Number(elapsed.toFixed(1)),
    achievedRps: Number((samples.length / elapsed).toFixed(1)),
  };
}
