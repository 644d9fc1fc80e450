import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { DEV_BEARER_TOKEN } from "../../../src/sandbox/sandbox-state";
import { withClient } from "../support/db";
import { feedbackSetup, feedbackState } from "../support/feedback";
import { startJourneyWorker, type JourneyWorker } from "../support/journey-worker";
import { addLinkRule } from "../support/linking";
import { createGeneratedCodeReward, erasedCustomer, portalCustomer, redemptionsOf } from "../support/portal";
import { tenantIdOf } from "../support/queues";
import { createXUser, postOnX, waitForMail } from "../support/sandbox";
import { signUp } from "../support/session";

/**
 * Issue 11's "done means": one customer, on a phone, through the whole portal with the real
 * worker running — the sign-in link read from the mail the worker delivered over SMTP, X linked at
 * the sandbox's consent page, an earlier post credited on linking, a new post collected and paid,
 * a reward redeemed, a 10 shared and a 3 sent to staff, the data downloaded, the account erased. Every step checked against the database.
 */
test.use({ viewport: { width: 390, height: 844 } });

let worker: JourneyWorker | undefined;
test.afterAll(async () => {
  await worker?.stop();
});

async function noHorizontalScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

async function ledgerOf(customerId: string) {
  return withClient(async (c) => {
    const { rows } = await c.query<{ source: string; amount: number; mentionId: string | null }>(
      `SELECT source::text AS source, amount, "mentionId" FROM "LedgerEntry" WHERE "customerId" = $1 ORDER BY "createdAt", id`,
      [customerId],
    );
    return rows;
  });
}

async function mentionOf(tenantId: string, externalId: string) {
  return withClient(async (c) => {
    const { rows } = await c.query<{ id: string; status: string; customerId: string | null }>(
      `SELECT id, status::text AS status, "customerId" FROM "Mention" WHERE "tenantId" = $1 AND "externalId" = $2`,
      [tenantId, externalId],
    );
    return rows[0] ?? null;
  });
}

test("a customer signs in from the emailed link, links X, is paid for old and new posts, redeems, gives feedback, downloads and erases", async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  const tag = randomUUID().replaceAll("-", "").slice(0, 8);
  const keyword = `journey${tag}`;
  const xName = `fan${tag}`;
  const email = `fan-${tag}@e2e.test`;

  // The brand: X listening on a keyword, a mention rule weighted by followers, a link reward, a reward with codes.
  const staff = await signUp(page, "Journey");
  const slug = staff.slug;
  const tenantId = await tenantIdOf(slug);
  const api = (path: string, data: unknown, method: "put" | "post" = "post") =>
    page.request[method](`/api/v1/tenants/${slug}${path}`, { headers: { Origin: new URL(page.url()).origin }, data });
  expect((await api("/channels/twitter", { credentials: { kind: "bearer", bearerToken: DEV_BEARER_TOKEN } }, "put")).ok()).toBe(true);
  expect((await api("/sources", { network: "TWITTER", kind: "KEYWORD", value: keyword })).ok()).toBe(true);
  expect((await api("/rules", { network: "TWITTER", action: "MENTION", name: "Mention us on X", basePoints: 10, influenceCurve: "LOG" })).ok()).toBe(true);
  await addLinkRule(slug, 40);
  await createGeneratedCodeReward(slug, "Free cone", 50, 5);

  // Before the customer joins, their X account already talks about the brand: kept as a prospect.
  await createXUser(xName, 2140);
  const earlier = await postOnX(xName, `Best frozen yogurt in town ${keyword}`);
  worker = await startJourneyWorker(tenantId);
  await expect.poll(async () => (await mentionOf(tenantId, earlier.id))?.status, { timeout: 60_000, message: worker.output() }).toBe("PROSPECT");

  // Sign in by the link in the email the worker delivered.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const fan = await context.newPage();
  await fan.goto(`/r/${slug}/sign-in`);
  await fan.getByLabel("Email").fill(email);
  await fan.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(fan.getByRole("status")).toContainText("Check your email");
  const mail = await waitForMail(email, /sign-in link/);
  const link = new RegExp(`https?://[^\\s]+(/r/${slug}/sign-in/[A-Za-z0-9_-]+)`).exec(mail.text)?.[1];
  expect(link, mail.text).toBeDefined();
  await fan.goto(link!);
  await fan.getByRole("button", { name: `Continue to ${staff.brand} rewards` }).click();
  await fan.getByLabel("Your name").fill("Jo Fan");
  await fan.getByLabel("I accept the program terms").check();
  await fan.getByRole("button", { name: `Join ${staff.brand} rewards` }).click();
  await expect(fan.getByRole("heading", { level: 1, name: "Hi Jo Fan" })).toBeVisible();
  const customerId = (await portalCustomer(slug, email))!.customerId;

  // Link X (posting allowed) at the sandbox's consent page: the link reward, and the earlier post credited.
  await fan.getByRole("link", { name: "Linked accounts" }).click();
  await fan.getByTestId("connect-twitter").getByLabel(`${staff.brand} may post the points I earn on my X account`).check();
  await fan.getByTestId("connect-twitter").getByRole("button", { name: "Continue to X" }).click();
  await fan.locator("#username").fill(xName);
  await fan.locator("#approve").click();
  await fan.waitForURL(new RegExp(`/r/${slug}/accounts\\?linked=`));
  await expect(fan.getByTestId("linked-twitter")).toContainText(`@${xName}`);
  await expect.poll(async () => (await mentionOf(tenantId, earlier.id))?.customerId, { timeout: 60_000, message: worker.output() }).toBe(customerId);

  await fan.getByRole("link", { name: "My points", exact: true }).click();
  await expect(fan.getByRole("heading", { level: 1, name: "My points" })).toBeVisible();
  const lines = fan.getByTestId("portal-ledger-line");
  await expect(async () => {
    await fan.reload();
    await expect(lines).toHaveCount(2, { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  let ledger = await ledgerOf(customerId);
  expect(ledger.map((e) => e.source).sort()).toEqual(["LINK_ACCOUNT", "MENTION"]);
  const earlierAward = ledger.find((e) => e.source === "MENTION")!;
  await expect(fan.getByText("+40: linking your X account")).toBeVisible();
  await expect(fan.getByText(new RegExp(`^\\+${earlierAward.amount}: your post about ${staff.brand} on X \\(2,140 followers ×`))).toBeVisible();
  await expect(fan.getByTestId("portal-balance")).toHaveText(String(40 + earlierAward.amount));
  await noHorizontalScroll(fan);

  // A new post on X: the worker collects it and the award arrives.
  const fresh = await postOnX(xName, `Just had another cup ${keyword}`);
  await expect(async () => {
    await fan.reload();
    await expect(lines).toHaveCount(3, { timeout: 1_000 });
  }).toPass({ timeout: 90_000 });
  ledger = await ledgerOf(customerId);
  const freshMention = (await mentionOf(tenantId, fresh.id))!;
  expect(freshMention).toMatchObject({ status: "CREDITED", customerId });
  const freshAward = ledger.find((e) => e.mentionId === freshMention.id)!;
  expect(freshAward.source).toBe("MENTION");
  await expect(lines.first()).toContainText(`+${freshAward.amount}: your post about ${staff.brand} on X`);
  const balance = ledger.reduce((sum, e) => sum + e.amount, 0);
  await expect(fan.getByTestId("portal-balance")).toHaveText(balance.toLocaleString("en-US"));

  // Redeem a reward: the code at once, the points spent.
  await fan.getByRole("link", { name: "Rewards", exact: true }).click();
  const card = fan.getByTestId("portal-reward").filter({ hasText: "Free cone" });
  await card.getByRole("button", { name: "Redeem" }).click();
  await card.getByRole("button", { name: "Confirm" }).click();
  await expect(card.getByRole("status")).toContainText("Your code:");
  const [redemption] = await redemptionsOf(customerId);
  await expect(card.getByRole("status")).toContainText(redemption!.code!);
  expect((await portalCustomer(slug, email))!.balance).toBe(balance - 50);

  // A 10: offered a ready-made post, which the worker puts on X; the share rule pays it once.
  await feedbackSetup(slug, 25, "Main Street");
  await fan.getByRole("link", { name: "Feedback", exact: true }).click();
  await fan.getByRole("radio", { name: "10", exact: true }).check({ force: true });
  await fan.getByRole("button", { name: "Send my answer" }).click();
  await expect(fan.getByRole("status").filter({ hasText: "You made our day" })).toBeVisible();
  await fan.getByRole("button", { name: "Share on X" }).click();
  await expect(fan.getByRole("status").filter({ hasText: "Your post is on its way" })).toBeVisible();
  const shareOf = async () => (await feedbackState(slug)).shares.find((share) => share.feedbackResponseId !== null);
  await expect.poll(async () => (await shareOf())?.status, { timeout: 60_000, message: worker.output() }).toBe("POSTED");
  await expect.poll(async () => (await ledgerOf(customerId)).filter((e) => e.source === "SHARE").map((e) => e.amount), { timeout: 30_000 }).toEqual([25]);
  await fan.reload();
  await expect(fan.getByText("Your post is live. Thank you for recommending us!")).toBeVisible();
  expect((await feedbackState(slug)).classes[customerId]).toBe("PROMOTER");

  // Ten minutes later (one answer per ten minutes: the first answer is moved back in time), a 3:
  // an acknowledgement and no share offered; staff find it in Inbox → Feedback.
  await withClient((c) => c.query(`UPDATE "FeedbackResponse" SET "createdAt" = "createdAt" - interval '11 minutes' WHERE "customerId" = $1`, [customerId]));
  await fan.getByRole("link", { name: "Feedback", exact: true }).click();
  await fan.getByRole("radio", { name: "3", exact: true }).check({ force: true });
  await fan.getByLabel("Anything you would like to tell us?").fill("The queue was far too long");
  await fan.getByRole("button", { name: "Send my answer" }).click();
  await expect(fan.getByRole("status").filter({ hasText: `Thanks, someone from ${staff.brand} will read this.` })).toBeVisible();
  await expect(fan.getByRole("button", { name: /Share on/ })).toHaveCount(0);
  const answers = (await feedbackState(slug)).answers;
  expect(answers.map((a) => [a.score, a.npsClass, a.status])).toEqual([
    [10, "PROMOTER", "OPEN"],
    [3, "DETRACTOR", "OPEN"],
  ]);
  expect((await feedbackState(slug)).classes[customerId]).toBe("DETRACTOR");
  await page.goto(`/t/${slug}/inbox/feedback`);
  const item = page.getByTestId("feedback-item").filter({ hasText: "The queue was far too long" });
  await expect(item).toContainText("3 / 10");
  await expect(item.getByRole("link", { name: "Jo Fan" })).toHaveAttribute("href", `/t/${slug}/customers/${customerId}`);
  await noHorizontalScroll(page);

  // Download everything held about them, then erase.
  const final = (await portalCustomer(slug, email))!.balance;
  await fan.goto(`/r/${slug}/account`);
  const [download] = await Promise.all([fan.waitForEvent("download"), fan.getByRole("link", { name: "Download my data" }).click()]);
  const exported = JSON.parse(await readFile(await download.path(), "utf8")) as { ledger: { amount: number }[]; points: { balance: number } };
  expect(exported.ledger.map((e) => e.amount).sort()).toEqual((await ledgerOf(customerId)).map((e) => e.amount).sort());
  expect(exported.points.balance).toBe(final);
  await fan.getByRole("button", { name: "Erase my account" }).click();
  // Unconfirmed, it is refused: wait for that answer before typing, or the form's reset after the
  // pending submit clears what was typed (a race a loaded machine loses).
  const confirm = fan.getByLabel('Type "erase" to confirm');
  await expect(confirm).toHaveAttribute("aria-invalid", "true");
  await confirm.fill("erase");
  await expect(confirm).toHaveValue("erase");
  await fan.getByRole("button", { name: "Erase my account" }).click();
  await expect(fan.getByRole("status")).toContainText("Your account is erased");
  expect(await portalCustomer(slug, email)).toBeNull();
  expect(await erasedCustomer(customerId)).toMatchObject({ displayName: "Erased customer", balance: final });
  await context.close();
});
