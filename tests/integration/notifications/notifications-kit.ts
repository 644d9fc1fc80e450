import { randomUUID } from "node:crypto";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import type { LedgerSource } from "../../../src/server/db/generated/enums";
import type { AwardExplanation } from "../../../src/server/modules/ledger/ledger.types";
import { postLedgerEntries } from "../../../src/server/modules/ledger/post-entries";
import type { CaughtMail, MailStore } from "../../../src/sandbox/mail/mail-store";
import { waitFor } from "../support/wait-for";

/** An award as the pipeline writes it (the outbox row comes from the database's trigger). */
export async function award(
  ctx: TenantContext,
  customerId: string,
  amount: number,
  options: { source?: LedgerSource; capped?: boolean; ruleName?: string } = {},
) {
  const explanation: AwardExplanation = {
    formula: `${amount}`,
    rule: { id: "rul_test", name: options.ruleName ?? "Posts about us", network: "TWITTER", action: "MENTION", basePoints: amount },
    ...(options.capped ? { capsApplied: [`daily cap ${amount}: ${amount * 2} → ${amount}`] } : {}),
  };
  const [entry] = await getDb().$transaction((tx) =>
    postLedgerEntries(tx, ctx, [{ customerId, amount, source: options.source ?? "MENTION", idempotencyKey: `test:${randomUUID()}`, explanation }]),
  );
  return entry!;
}

/** Every mail the in-process SMTP server caught for `to`, oldest first. */
export const mailsTo = (inbox: MailStore, to: string): CaughtMail[] =>
  inbox
    .list()
    .filter((m) => m.envelope.to.includes(to))
    .reverse();

export async function waitForMail(inbox: MailStore, to: string, subject: RegExp): Promise<CaughtMail> {
  return waitFor(() => mailsTo(inbox, to).find((m) => subject.test(m.subject)), `a mail to ${to} matching ${String(subject)}`);
}

/** Lets the worker finish whatever is queued, so "no second mail" is a fact and not a race. */
export async function settle(ms = 1_500): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}
