import { spawn, type ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { unsafeCrossTenantDb } from "../../src/server/db/client";
import { queueMail } from "../../src/server/modules/mail/mail.service";

const started: ChildProcess[] = [];

// A worker a failed test leaves running would take later files' jobs from the suite's Redis.
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

/** The worker as its own process, exactly as `npm run worker` starts it. */
function startWorker(env: Record<string, string | undefined> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/workers/main.ts", "--exit-with-parent"], {
    env: { ...process.env, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve((exitCode = code))));
  // Waits for the line itself, however long a start takes (a cold start of the worker's import
  // graph under tsx passed 20 s on a loaded machine); a worker that exits first fails at once.
  const waitFor = async (text: string) => {
    while (!output.includes(text)) {
      if (exitCode !== undefined) throw new Error(`worker exited (${exitCode}) before printing "${text}":\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, exited, waitFor, output: () => output, hasExited: () => exitCode !== undefined };
}

describe("worker process", () => {
  it("delivers queued mail and stops cleanly on SIGTERM", async () => {
    const worker = startWorker();
    await worker.waitFor("worker started");
    const secret = "https://localhost:3000/invite/worker-process-secret-token";
    await queueMail({
      to: "proc@example.test",
      subject: "From the process",
      text: `hello ${secret}`,
      html: `<p>hello ${secret}</p>`,
      dedupeKey: "proc-1",
      secrets: [secret],
    });
    while (!(await unsafeCrossTenantDb().mailMessage.findFirst({ where: { dedupeKey: "proc-1" } }))) {
      if (worker.hasExited()) throw new Error(`worker exited before delivering the mail:\n${worker.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toContain("worker stopped");
    // The worker logs that it delivered, never what: no body, no secret.
    expect(worker.output()).toContain("mail");
    expect(worker.output()).not.toContain("worker-process-secret-token");
    expect(worker.output()).not.toContain("hello");
  }, 60_000);

  it("refuses to start with a malformed variable and names it", async () => {
    const worker = startWorker({ REDIS_URL: "not a url", ENCRYPTION_KEY: "tooshort" });
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toMatch(/REDIS_URL/);
    expect(worker.output()).toMatch(/ENCRYPTION_KEY: must be base64 of exactly 32 bytes/);
    // The refusal comes after the worker's whole import graph is loaded: as long as a start.
  }, 60_000);
});
