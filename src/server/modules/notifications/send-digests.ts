import type { TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { enqueueMany } from "../../jobs/queues";
import type { AwardExplanation } from "../ledger/ledger.types";
import { digestMail } from "../mail/templates/notification-mail";
import { describeEntryForCustomer } from "../portal/entry-words";
import { EARNING_SOURCES } from "./drain-outbox";
import { loadBrandForMail, mailBase, notificationJob } from "./notification-brand";
import { loadRecipients } from "./notification-recipients";
import { ZDay } from "./notification.schemas";

const BATCH = 200;
/** A day with more awards than this lists the newest ones and says how many more. */
const MAX_LINES = 40;

/**
 * The daily digests of one brand for one UTC day: one email per customer who earned that day.
 * Reads only the customers waiting for it (NotificationDigestDue, filled by the drain), a keyset
 * page at a time, and each page's awards through the (tenantId, customerId, createdAt) index; no
 * scan of all customers. The waiting row goes once its mail is queued, and the mail's dedupe key
 * is the customer and the day, so a retry or a second run never sends twice.
 */
export async function sendDailyDigests(ctx: TenantContext, rawDay: string): Promise<{ customers: number; mails: number }> {
  const day = ZDay.parse(rawDay);
  const start = new Date(`${day}T00:00:00Z`);
  const end = new Date(start.getTime() + 86_400_000);
  const db = getDb();
  const brand = await loadBrandForMail(ctx);
  let after = "";
  const total = { customers: 0, mails: 0 };
  for (;;) {
    const due = await db.notificationDigestDue.findMany({
      where: { tenantId: ctx.tenantId, day: start, customerId: { gt: after } },
      orderBy: { customerId: "asc" },
      take: BATCH,
      select: { customerId: true },
    });
    if (due.length === 0) break;
    const ids = due.map((d) => d.customerId);
    const recipients = await loadRecipients(db, ctx, ids);
    const entries = await db.ledgerEntry.findMany({
      where: { tenantId: ctx.tenantId, customerId: { in: ids }, createdAt: { gte: start, lt: end }, amount: { gt: 0 }, source: { in: EARNING_SOURCES } },
      orderBy: [{ customerId: "asc" }, { createdAt: "asc" }],
      select: { customerId: true, amount: true, source: true, explanation: true },
    });
    const jobs = [...recipients.values()].flatMap((who) => {
      const mine = entries.filter((e) => e.customerId === who.customerId);
      // Preferences are read now, not when the row was written: an unsubscribe counts at once.
      if (!who.prefs.digest || mine.length === 0) return [];
      const lines = mine
        .slice(-MAX_LINES)
        .map((e) => describeEntryForCustomer({ ...e, explanation: e.explanation as unknown as AwardExplanation }, brand.name));
      if (mine.length > MAX_LINES) lines.unshift(`… and ${mine.length - MAX_LINES} earlier awards`);
      const mail = digestMail({ ...mailBase(brand, who, "digest"), day, lines, balance: who.balance });
      return [notificationJob(brand, who, "digest", mail, `digest:${who.customerId}:${day}`)];
    });
    if (jobs.length) await enqueueMany("mail.send", jobs);
    await db.notificationDigestDue.deleteMany({ where: { tenantId: ctx.tenantId, day: start, customerId: { in: ids } } });
    total.customers += ids.length;
    total.mails += jobs.length;
    after = ids[ids.length - 1]!;
  }
  return total;
}
