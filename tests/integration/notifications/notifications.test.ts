// Customer notification emails end to end on real Postgres, Redis and SMTP: ledger entries leave
// outbox rows (database trigger) → the drain / the digest queue sealed mail jobs → the worker
// delivers them to an in-process SMTP server, read back as multipart (text and HTML parts).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MailStore } from "../../../src/sandbox/mail/mail-store";
import { startSmtpCatcher, type SmtpCatcher } from "../../../src/sandbox/mail/smtp-catcher";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb, unsafeCrossTenantDb } from "../../../src/server/db/client";
import { resetEnvCache } from "../../../src/server/env";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { drainNotificationOutbox } from "../../../src/server/modules/notifications/drain-outbox";
import { describeUnsubscribe, unsubscribeWithToken } from "../../../src/server/modules/notifications/notification-preferences";
import { sendDailyDigests } from "../../../src/server/modules/notifications/send-digests";
import { unsubscribeToken } from "../../../src/server/modules/notifications/unsubscribe-token";
import { redeemReward } from "../../../src/server/modules/rewards/redeem-reward";
import { uploadRewardCodes } from "../../../src/server/modules/rewards/reward-codes.service";
import { createReward } from "../../../src/server/modules/rewards/reward.service";
import { startWorkers, type RunningWorkers } from "../../../src/workers/start-workers";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { award, mailsTo, settle, waitForMail } from "./notifications-kit";

const inbox = new MailStore();
let smtp: SmtpCatcher;
let workers: RunningWorkers;
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  smtp = await startSmtpCatcher(inbox, { port: 0 });
  process.env.SMTP_URL = smtp.url;
  resetEnvCache();
  workers = startWorkers({ concurrency: 2 });
});

afterAll(async () => {
  await workers.close();
  delete process.env.SMTP_URL;
  resetEnvCache();
  await smtp.close();
});

async function customer(ctx: TenantContext, displayName = `Customer ${randomUUID().slice(0, 6)}`) {
  const email = `n-${randomUUID().slice(0, 8)}@example.test`;
  const row = await makeCustomer(ctx, { displayName, emails: [email] });
  return { id: row.id, email };
}

describe("customer notifications", () => {
  it("sends HTML and text from one template, escaping a hostile brand and customer name, with no line break in the subject", async () => {
    const { ctx } = await createTenantWithMember("OWNER", "Evil <script>alert(1)</script>\r\nBcc: victim@evil.test");
    const me = await customer(ctx, `<img src=x onerror=alert(1)> "Bob" & co`);
    await award(ctx, me.id, 30, { capped: true, ruleName: "<b>Posts</b>" });
    expect(await drainNotificationOutbox(ctx)).toMatchObject({ rows: 1, mails: 1 });

    const mail = await waitForMail(inbox, me.email, /points limit/);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.headers.bcc).toBeUndefined();
    expect(mail.html).toBeTruthy();
    const html = mail.html!;
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<b>Posts</b>");
    // Names are defanged for mail (mailSafeName: no markup, no link-looking text), then escaped.
    expect(html).toContain("Hi img src=x onerror=alert(1) &quot;Bob&quot; &amp; co,");
    expect(html).toContain(">Evil scriptalert(1)/script Bcc: victim[at]evil[.]test</td>");
    // The text part says the same, as text.
    expect(mail.text).toContain(`Hi img src=x onerror=alert(1) "Bob" & co, you earned the most points "bPosts/b"`);
    expect(mail.text).toMatch(/Unsubscribe from these emails: http:\/\/\S+\/r\/t-\w+\/unsubscribe\/cus_\w+\.cap\.\S+/);
    expect(mail.headers["list-unsubscribe"]).toMatch(/^<http:\/\/\S+\/unsubscribe\/cus_\w+\.cap\.[\w-]+\/one-click>$/);
    expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");

    // A second capped award the same day: no second cap email.
    await award(ctx, me.id, 5, { capped: true });
    await drainNotificationOutbox(ctx);
    await settle();
    expect(mailsTo(inbox, me.email).filter((m) => /points limit/.test(m.subject))).toHaveLength(1);
  });

  it("sends one digest per customer per day, listing the awards in the portal's words; a second run sends nothing", async () => {
    const { ctx } = await createTenantWithMember("OWNER", "Tasti");
    const me = await customer(ctx);
    const other = await customer(ctx);
    await award(ctx, me.id, 12);
    await award(ctx, me.id, 8, { source: "CHECKIN" });
    await adjustPoints(ctx, { customerId: other.id, amount: 50, reason: "not earned by an account", idempotencyKey: randomUUID() });
    await drainNotificationOutbox(ctx);
    expect(await getDb().notificationDigestDue.count({ where: { tenantId: ctx.tenantId } })).toBe(1);

    expect(await sendDailyDigests(ctx, today())).toEqual({ customers: 1, mails: 1 });
    const digest = await waitForMail(inbox, me.email, /Your Tasti points for/);
    expect(digest.text).toContain("- +12: your post about Tasti on X");
    expect(digest.text).toContain("- +8: your check-in at Tasti on X");
    expect(digest.text).toContain("Your balance is now 20 points.");
    expect(digest.html).toContain("<li>+12: your post about Tasti on X</li>");

    // The rows are gone, and a forced re-run of the same day finds the same dedupe key anyway.
    expect(await sendDailyDigests(ctx, today())).toEqual({ customers: 0, mails: 0 });
    await getDb().notificationDigestDue.create({ data: { tenantId: ctx.tenantId, customerId: me.id, day: new Date(`${today()}T00:00:00Z`) } });
    expect(await sendDailyDigests(ctx, today())).toEqual({ customers: 1, mails: 1 });
    await settle();
    expect(mailsTo(inbox, me.email).filter((m) => /points for/.test(m.subject))).toHaveLength(1);
    expect(mailsTo(inbox, other.email)).toHaveLength(0);
    expect(await unsafeCrossTenantDb().mailMessage.count({ where: { toEmail: me.email } })).toBe(1);
  });

  it("tells a customer once when the balance reaches a reward, and again only after it fell below and crossed again", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const reward = await createReward(ctx, { name: "Free <cup>", cost: 100, stock: 10 });
    const me = await customer(ctx);
    await award(ctx, me.id, 60);
    await drainNotificationOutbox(ctx);
    await award(ctx, me.id, 50);
    await drainNotificationOutbox(ctx);
    const first = await waitForMail(inbox, me.email, /enough points/);
    expect(first.subject).toBe("You have enough points for Free cup");
    expect(first.html).toContain("Free cup");
    expect(first.text).toContain("with 110 points you can now redeem Free cup (100 points)");

    await award(ctx, me.id, 10);
    await drainNotificationOutbox(ctx);
    await redeemReward(ctx, { customerId: me.id, rewardId: reward.id, idempotencyKey: randomUUID() });
    await drainNotificationOutbox(ctx);
    expect(await getDb().rewardAffordableNotice.count({ where: { tenantId: ctx.tenantId, customerId: me.id } })).toBe(0);
    await settle();
    expect(mailsTo(inbox, me.email).filter((m) => /enough points/.test(m.subject))).toHaveLength(1);

    await award(ctx, me.id, 90);
    await drainNotificationOutbox(ctx);
    await waitFor2(() => mailsTo(inbox, me.email).filter((m) => /enough points/.test(m.subject)).length === 2);
  });

  it("emails a redemption's code, sealed in the job and redacted in the delivery log (both bodies)", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const reward = await createReward(ctx, { name: "Voucher", cost: 10, fulfilment: "GENERATED_CODE" });
    const me = await customer(ctx);
    await adjustPoints(ctx, { customerId: me.id, amount: 10, reason: "gift", idempotencyKey: randomUUID() });
    const { redemption } = await redeemReward(ctx, { customerId: me.id, rewardId: reward.id, idempotencyKey: randomUUID() });
    const code = redemption.code!;
    // The redemption nudged a drain; drain here too in case the tick-less test worker is slower.
    await drainNotificationOutbox(ctx);
    const mail = await waitForMail(inbox, me.email, /Your code for Voucher/);
    expect(mail.text).toContain(`Your code: ${code}`);
    expect(mail.html).toContain(code);
    const row = await waitFor2(() => unsafeCrossTenantDb().mailMessage.findUnique({ where: { dedupeKey: `redemption-code:${redemption.id}` } }));
    expect(row.text).not.toContain(code);
    expect(row.html).not.toContain(code);
    expect(row.text).toContain("Your code: [link removed after delivery]");
  });

  it("a short pool code that also occurs in the address is mailed as 'on your rewards page', and the mails behind it still go", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const reward = await createReward(ctx, { name: "Pint", cost: 10, fulfilment: "CODE_POOL" });
    await uploadRewardCodes(ctx, { rewardId: reward.id, text: "1985\n" });
    const email = `john1985-${randomUUID().slice(0, 8)}@example.test`;
    const me = { id: (await makeCustomer(ctx, { displayName: "John", emails: [email] })).id, email };
    await adjustPoints(ctx, { customerId: me.id, amount: 10, reason: "gift", idempotencyKey: randomUUID() });
    const { redemption } = await redeemReward(ctx, { customerId: me.id, rewardId: reward.id, idempotencyKey: randomUUID() });
    expect(redemption.code).toBe("1985");
    const other = await customer(ctx);
    await adjustPoints(ctx, { customerId: other.id, amount: 10, reason: "gift", idempotencyKey: randomUUID() });
    await drainNotificationOutbox(ctx);
    const mail = await waitForMail(inbox, me.email, /Your code for Pint/);
    expect(mail.text).toContain("Your code is on your rewards page.");
    expect(await getDb().notificationOutbox.count({ where: { tenantId: ctx.tenantId } })).toBe(0);
  });

  it("unsubscribes with a signed link at once; a tampered or foreign token is refused; the next digest skips them", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const { ctx: otherBrand } = await createTenantWithMember("OWNER");
    const me = await customer(ctx);
    const token = unsubscribeToken(ctx, me.id, "digest");
    const tampered = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
    await expect(describeUnsubscribe(ctx, tampered)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(unsubscribeWithToken(ctx, token.replace(".digest.", ".cap."))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(unsubscribeWithToken(otherBrand, token)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await describeUnsubscribe(ctx, token)).toEqual({ kind: "digest", off: false });

    await award(ctx, me.id, 7);
    await drainNotificationOutbox(ctx);
    expect(await unsubscribeWithToken(ctx, token)).toEqual({ kind: "digest" });
    expect(await describeUnsubscribe(ctx, token)).toEqual({ kind: "digest", off: true });
    const prefs = await getDb().notificationPreference.findUniqueOrThrow({ where: { tenantId_customerId: { tenantId: ctx.tenantId, customerId: me.id } } });
    expect(prefs).toMatchObject({ digest: false, affordable: true, cap: true });
    expect(await sendDailyDigests(ctx, today())).toEqual({ customers: 1, mails: 0 });
  });

  it("drains one brand's outbox only", async () => {
    const { ctx: a } = await createTenantWithMember("OWNER");
    const { ctx: b } = await createTenantWithMember("OWNER");
    const ca = await customer(a);
    const cb = await customer(b);
    await award(a, ca.id, 3, { capped: true });
    await award(b, cb.id, 3, { capped: true });
    expect(await drainNotificationOutbox(a)).toMatchObject({ rows: 1, mails: 1 });
    expect(await getDb().notificationOutbox.count({ where: { tenantId: b.tenantId } })).toBe(1);
    expect(await getDb().notificationOutbox.count({ where: { tenantId: a.tenantId } })).toBe(0);
    await waitForMail(inbox, ca.email, /points limit/);
    expect(mailsTo(inbox, cb.email)).toHaveLength(0);
  });
});

async function waitFor2<T>(probe: () => Promise<T | null | false> | T | null | false): Promise<T> {
  const { waitFor } = await import("../support/wait-for");
  return waitFor(probe, "the expected state");
}
