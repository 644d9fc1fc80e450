import { afterAll, afterEach, beforeAll } from "vitest";
import { disconnectDb } from "../../src/server/db/client";
import { closeQueues } from "../../src/server/jobs/queues";
import { closeSharedRedis } from "../../src/server/redis";
import { assertLedgerInvariants } from "./support/ledger-invariants";
import { resetDatabaseAndRedis } from "./support/reset";

/**
 * Files that write ledger rows behind the ledger's back on purpose (to prove the database and
 * the checker refuse them); every other test must leave the ledger consistent.
 */
const WRITES_BROKEN_LEDGERS = ["ledger-invariants.test.ts", "ledger-append-only.test.ts"];

// Each test file starts from empty tables and an empty Redis database.
beforeAll(async () => {
  await resetDatabaseAndRedis();
});

// After every test: each balance equals the sum of its entries, none below zero, reversals point
// at real entries and none twice, one earning entry per mention and rule.
afterEach(async (context) => {
  const file = context.task.file?.name ?? "";
  if (WRITES_BROKEN_LEDGERS.some((name) => file.endsWith(name))) return;
  await assertLedgerInvariants();
});

afterAll(async () => {
  await closeQueues();
  await closeSharedRedis();
  await disconnectDb();
});
