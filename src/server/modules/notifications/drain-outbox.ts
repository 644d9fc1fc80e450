import type { TenantContext } from "../../auth/tenant-context";
import { getDb, type DbTx } from "../../db/client";
import type { LedgerSource } from "../../db/generated/enums";
import { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors";
import { enqueueMany } from "../../jobs/queues";
import { getLogger } from "../../logger";
import type { AwardExplanation } from "../ledger/ledger.types";
import { affordableMail, dailyCapMail, redemptionCodeMail } from "../mail/templates/notification-mail";
import { mailSafeName } from "../members/mail-safe-name";
import { loadBrandForMail, mailBase, notificationJob, utcDay, type BrandForMail } from "./notification-brand";
import { loadRecipients, type Recipient } from "./notification-recipients";

/** Sources that pay a customer for what their linked accounts did: what the digest lists. */
export const EARNING_SOURCES: LedgerSource[] = ["MENTION", "CHECKIN", "SHARE", "LINK_ACCOUNT"];
const BATCH = 200;

interface OutboxRow {
  id: string;
  customerId: string;
  entryId: string;
  amount: number;
  source: LedgerSource;
  explanation: AwardExplanation;
  redemptionId: string | null;
  createdAt: Date;
}

type Job = ReturnType<typeof notificationJob>;

const capped = (e: AwardExplanation) => (e.capsApplied ?? []).some((c) => c.startsWith("daily cap"));

/**
 * Turns the tenant's outbox rows (one per ledger entry, written by the database with the entry)
 * into notifications, a batch per transaction: rows locked with SKIP LOCKED (two drains never take
 * the same row), the mail jobs queued, then the rows deleted by the commit. Should the queueing
 * succeed and the commit fail, the rows stay and the next drain queues the same dedupe keys again,
 * which the mail job and the delivery log refuse to send twice: at least once, never twice.
 */
export async function drainNotificationOutbox(ctx: TenantContext, maxBatches = 25): Promise<{ rows: number; mails: number }> {
  const brand = await loadBrandForMail(ctx);
  const total = { rows: 0, mails: 0 };
  for (let i = 0; i < maxBatches; i++) {
    const done = await getDb().$transaction((tx) => drainBatch(tx, brand), { timeout: 60_000 });
    total.rows += done.rows;
    total.mails += done.mails;
    if (done.rows < BATCH) break;
  }
  return total;
}

async function drainBatch(tx: DbTx, brand: BrandForMail): Promise<{ rows: number; mails: number }> {
  const { ctx } = brand;
  const rows = await tx.$queryRaw<OutboxRow[]>`
    SELECT o.id, o."customerId", e.id AS "entryId", e.amount, e.source, e.explanation, e."redemptionId", e."createdAt"
    FROM "NotificationOutbox" o
    JOIN "LedgerEntry" e ON e."tenantId" = o."tenantId" AND e.id = o."ledgerEntryId"
    WHERE o."tenantId" = ${ctx.tenantId}
    ORDER BY o.id LIMIT ${BATCH}
    FOR UPDATE OF o SKIP LOCKED`;
  if (rows.length === 0) return { rows: 0, mails: 0 };
  const recipients = await loadRecipients(tx, ctx, [...new Set(rows.map((r) => r.customerId))]);
  const jobs: Job[] = [];
  const digestDue = new Map<string, { tenantId: string; customerId: string; day: Date }>();
  const capTold = new Set<string>();
  for (const row of rows) {
    const who = recipients.get(row.customerId);
    if (!who || row.amount <= 0) continue;
    const day = utcDay(row.createdAt);
    if (EARNING_SOURCES.includes(row.source) && who.prefs.digest) {
      digestDue.set(`${who.customerId}|${day}`, { tenantId: ctx.tenantId, customerId: who.customerId, day: new Date(`${day}T00:00:00Z`) });
    }
    if (capped(row.explanation) && who.prefs.cap && !capTold.has(`${who.customerId}|${day}`)) {
      capTold.add(`${who.customerId}|${day}`);
      const mail = dailyCapMail({ ...mailBase(brand, who, "cap"), ruleName: row.explanation.rule ? mailSafeName(row.explanation.rule.name) : null });
      jobs.push(notificationJob(brand, who, "cap", mail, `cap:${who.customerId}:${day}`));
    }
  }
  jobs.push(...(await codeMails(tx, brand, rows, recipients)));
  jobs.push(...(await affordableMails(tx, brand, rows, recipients)));
  if (digestDue.size) await tx.notificationDigestDue.createMany({ data: [...digestDue.values()], skipDuplicates: true });
  await tx.notificationOutbox.deleteMany({ where: { tenantId: ctx.tenantId, id: { in: rows.map((r) => r.id) } } });
  if (jobs.length) await enqueueMany("mail.send", jobs);
  return { rows: rows.length, mails: jobs.length };
}

/** A redemption that handed out a code: the code by email, sealed in the job like a sign-in link. */
async function codeMails(tx: DbTx, brand: BrandForMail, rows: OutboxRow[], recipients: Map<string, Recipient>): Promise<Job[]> {
  const ids = rows.filter((r) => r.source === "REDEMPTION" && r.redemptionId).map((r) => r.redemptionId!);
  if (ids.length === 0) return [];
  const redemptions = await tx.redemption.findMany({
    where: { tenantId: brand.ctx.tenantId, id: { in: ids }, code: { not: null } },
    select: { id: true, customerId: true, code: true, reward: { select: { name: true } } },
  });
  return redemptions.flatMap((r) => {
    const who = recipients.get(r.customerId);
    if (!who || !r.code) return [];
    const build = (code: string | null) => {
      const mail = redemptionCodeMail({ ...mailBase(brand, who, "all"), rewardName: mailSafeName(r.reward.name), code });
      return notificationJob(brand, who, "all", mail, `redemption-code:${r.id}`, code ? [code] : []);
    };
    const code = r.code.length >= 4 ? r.code : null;
    try {
      return [build(code)];
    } catch (error) {
      // A short pool code can also occur in the address, the subject or the unsubscribe link,
      // where a secret may not be (sealMail refuses): then the mail says the code is on the rewards
      // page instead of holding up every notification behind it in the outbox.
      if (code === null || !(error instanceof AppError)) throw error;
      getLogger().warn({ redemptionId: r.id }, "redemption code mailed without the code: it also occurs outside the body");
      return [build(null)];
    }
  });
}

/**
 * Rewards whose cost the balance now reaches and that the customer was not told about since it
 * last fell below: told once per crossing (again after the balance drops below and crosses again). A notice row remembers the telling; a balance below the
 * cost (seen at any later drain of that customer's entries, a redemption included) removes it.
 * Rewards gated on a tier are left out: being able to pay is not being able to redeem them.
 */
async function affordableMails(tx: DbTx, brand: BrandForMail, rows: OutboxRow[], recipients: Map<string, Recipient>): Promise<Job[]> {
  const { tenantId } = brand.ctx;
  const customers = [...recipients.values()];
  if (customers.length === 0) return [];
  const now = new Date();
  const rewards = await tx.reward.findMany({
    where: { tenantId, active: true, archivedAt: null, minimumTierId: null, OR: [{ availableUntil: null }, { availableUntil: { gt: now } }] },
    select: { id: true, name: true, cost: true },
    orderBy: { cost: "asc" },
  });
  const notices = await tx.rewardAffordableNotice.findMany({
    where: { tenantId, customerId: { in: customers.map((c) => c.customerId) } },
    select: { customerId: true, rewardId: true },
  });
  const told = new Set(notices.map((n) => `${n.customerId}|${n.rewardId}`));
  const jobs: Job[] = [];
  const add: { tenantId: string; customerId: string; rewardId: string }[] = [];
  const stale: Prisma.RewardAffordableNoticeWhereInput[] = [];
  for (const who of customers) {
    const mine = rows.filter((r) => r.customerId === who.customerId);
    // The customer's first entry of this batch names the crossing: a retried batch names it again.
    const first = mine[0]!.entryId;
    // Only rewards this batch's entries crossed are told; one already within reach before (say, on
    // the first drain after this feature shipped) is remembered silently instead of emailed.
    const before = who.balance - mine.reduce((sum, r) => sum + r.amount, 0);
    for (const reward of rewards) {
      const key = `${who.customerId}|${reward.id}`;
      if (reward.cost > who.balance) {
        if (told.has(key)) stale.push({ customerId: who.customerId, rewardId: reward.id });
        continue;
      }
      if (told.has(key)) continue;
      add.push({ tenantId, customerId: who.customerId, rewardId: reward.id });
      if (!who.prefs.affordable || reward.cost <= before) continue;
      const mail = affordableMail({ ...mailBase(brand, who, "affordable"), rewardName: mailSafeName(reward.name), cost: reward.cost, balance: who.balance });
      jobs.push(notificationJob(brand, who, "affordable", mail, `affordable:${who.customerId}:${reward.id}:${first}`));
    }
  }
  if (stale.length) await tx.rewardAffordableNotice.deleteMany({ where: { tenantId, OR: stale } });
  if (add.length) await tx.rewardAffordableNotice.createMany({ data: add, skipDuplicates: true });
  return jobs;
}
