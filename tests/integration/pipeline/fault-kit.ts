import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { getQueue } from "../../../src/server/jobs/queues";

/**
 * Helpers shared by the fault-injection tests that run real worker processes
 * (`node --import tsx src/workers/main.ts`) against the in-process social sandbox.
 */

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves once the worker has started its queues and registered its schedules (rejects if it exits first). */
  started: Promise<void>;
  /** Resolves with the exit code (or the signal's name) once the process has exited. */
  exited: Promise<number | string | null>;
  output(): string;
  /** SIGTERM (the worker finishes its active jobs first), then waits for the exit. */
  stop(): Promise<number | string | null>;
}

/** A worker process with the test's environment plus `env` (which wins; `undefined` unsets a variable). */
export function startWorkerProcess(env: Record<string, string | undefined>): WorkerProcess {
  const merged: NodeJS.ProcessEnv = {
    ...process.env,
    LISTENING_SCHEDULER_EVERY_MS: "3600000",
    WORKER_LOCK_DURATION_MS: "1500",
    LOG_LEVEL: "info",
    ...env,
  };
  for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key];
  const child = spawn(process.execPath, ["--import", "tsx", "src/workers/main.ts"], {
    env: merged,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let markStarted: () => void;
  let failStart: (error: Error) => void;
  const started = new Promise<void>((resolve, reject) => {
    markStarted = resolve;
    failStart = reject;
  });
  started.catch(() => {}); // only awaited by tests that need it
  const collect = (d: Buffer) => {
    output += d.toString();
    if (output.includes('"msg":"worker started"')) markStarted();
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise<number | string | null>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
  void exited.then((code) => failStart(new Error(`worker exited (${code}) before it started:\n${output}`)));
  return {
    child,
    started,
    exited,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

/** Last resort in afterAll: a worker that did not stop on SIGTERM is killed. */
export async function killWorker(worker: WorkerProcess | undefined): Promise<void> {
  if (!worker || worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  worker.child.kill("SIGTERM");
  const timer = setTimeout(() => worker.child.kill("SIGKILL"), 35_000);
  await worker.exited;
  clearTimeout(timer);
}

/**
 * Polls `probe` until it answers true. A probe that throws counts as "not yet" (the database may
 * be restarting); its last error is reported if the wait times out.
 */
export async function waitFor(probe: () => Promise<boolean>, what: string | (() => string | Promise<string>), timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (await probe()) return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const label = typeof what === "function" ? await Promise.resolve(what()).catch((e: unknown) => `(${(e as Error).message})`) : what;
      throw new Error(`timed out waiting for ${label}${lastError ? ` (last probe error: ${(lastError as Error).message})` : ""}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** One source's poll jobs not finished yet (waiting, active, delayed…), and those failed for good. */
export async function pollJobCounts(sourceId: string): Promise<{ pending: number; failed: number }> {
  const queue = getQueue("listening");
  const [pending, failed] = await Promise.all([queue.getJobs(["waiting", "active", "delayed", "prioritized", "waiting-children"]), queue.getJobs(["failed"])]);
  const polls = (jobs: typeof pending) =>
    jobs.filter((j) => j?.name === "listening.poll-source" && (j.data as { sourceId?: string }).sourceId === sourceId).length;
  return { pending: polls(pending), failed: polls(failed) };
}

/** The listening queue's jobs of one source, for failure messages. */
export async function describePollJobs(sourceId: string): Promise<string> {
  const queue = getQueue("listening");
  const jobs = await queue.getJobs(["waiting", "active", "delayed", "prioritized", "waiting-children", "failed", "completed"]);
  const mine = jobs.filter((j) => j && (j.data as { sourceId?: string }).sourceId === sourceId);
  const states = await Promise.all(mine.map(async (j) => `${j.id} ${await j.getState()} attempts=${j.attemptsMade} ${j.failedReason ?? ""}`));
  return `poll jobs: [${states.join("; ")}]`;
}

/** A TCP port nothing listens on right now, at or above `from` when given. */
export async function freePort(from = 0): Promise<number> {
  for (let port = from; port < from + 200; port++) {
    const free = await new Promise<number | null>((resolve) => {
      const server = createServer();
      server.once("error", () => resolve(null));
      server.listen(port, "127.0.0.1", () => {
        const { port: bound } = server.address() as { port: number };
        server.close(() => resolve(bound));
      });
    });
    if (free !== null) return free;
    if (from === 0) break;
  }
  throw new Error(`no free port from ${from}`);
}

/** X post ids are snowflakes: compare them as integers, not strings. */
export function newestId(ids: string[]): string {
  return ids.reduce((a, b) => (BigInt(a) >= BigInt(b) ? a : b));
}
