import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { scheduleDuePolls } from "../../../src/server/pipeline/schedule-polls";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { assertLedgerInvariants } from "../support/ledger-invariants";
import { linkProfile, sandboxPost, sandboxUser, setUpListening, startPipelineSandbox } from "./pipeline-kit";

/**
 * Fault injection with real worker processes: the first worker dies like `kill -9` right
 * before or right after its transaction commits; a second worker takes the stalled job over.
 * Nothing may be lost and nothing paid twice.
 */
function startWorkerProcess(sandboxUrl: string, fault?: "crash-before-commit" | "crash-after-commit") {
  const child = spawn(process.execPath, ["--import", "tsx", "src/workers/main.ts"], {
    env: {
      ...process.env,
      TWITTER_API_BASE_URL: sandboxUrl,
      FAULT_INJECTION: fault ?? "",
      WORKER_LOCK_DURATION_MS: "1500",
      LISTENING_SCHEDULER_EVERY_MS: "3600000",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function waitFor(probe: () => Promise<boolean>, what: string, timeoutMs = 45_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("worker killed mid-batch", () => {
  let sandbox: Awaited<ReturnType<typeof startPipelineSandbox>>;
  beforeAll(async () => {
    sandbox = await startPipelineSandbox();
  });
  afterAll(() => sandbox.close());

  for (const fault of ["crash-before-commit", "crash-after-commit"] as const) {
    it(`${fault}: the job is taken over, every mention is stored once and paid once`, async () => {
      const brand = fault === "crash-before-commit" ? "Crash Before Co" : "Crash After Co";
      const { ctx } = await createTenantWithMember("OWNER");
      const { source } = await setUpListening(ctx, brand);
      const handle = fault === "crash-before-commit" ? "crash_b_fan" : "crash_a_fan";
      const authorId = await sandboxUser(sandbox.url, handle, 500);
      const customer = await makeCustomer(ctx);
      await linkProfile(ctx, customer.id, authorId, handle);
      for (let i = 0; i < 150; i++) await sandboxPost(sandbox.url, handle, `${brand} post number ${i}`);

      const doomed = startWorkerProcess(sandbox.url, fault);
      await scheduleDuePolls();
      expect(await doomed.exited).toBe(137);
      expect(doomed.output()).toContain(`FAULT_INJECTION: exiting ${fault === "crash-before-commit" ? "before" : "after"} commit`);
      const db = getDb();
      const storedAfterCrash = await db.mention.count({ where: { tenantId: ctx.tenantId } });
      expect(storedAfterCrash).toBe(fault === "crash-before-commit" ? 0 : 100);

      const rescuer = startWorkerProcess(sandbox.url);
      try {
        await waitFor(
          async () => (await db.listeningSource.findFirst({ where: { tenantId: ctx.tenantId, id: source.id } }))?.syncStatus === "OK",
          "the second worker to finish the run",
        );
      } finally {
        rescuer.child.kill("SIGTERM");
        await rescuer.exited;
      }
      expect(await db.mention.count({ where: { tenantId: ctx.tenantId } })).toBe(150);
      const entries = await db.ledgerEntry.findMany({ where: { tenantId: ctx.tenantId }, select: { mentionId: true } });
      expect(entries).toHaveLength(150);
      expect(new Set(entries.map((e) => e.mentionId)).size).toBe(150);
      await assertLedgerInvariants(ctx.tenantId);
    }, 90_000);
  }
});
