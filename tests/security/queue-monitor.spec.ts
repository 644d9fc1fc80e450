import { expect, test, type Page } from "@playwright/test";
import { createMember } from "../e2e/support/db";
import { auditCount, failedPollJob, jobState, tenantIdOf } from "../e2e/support/queues";
import { signIn, signUp } from "../e2e/support/session";

/**
 * Issue 9, item 2, through the browser: two brands, each with a failed job on the real listening
 * queue. Brand A's admin sees only A's failure on the queues page (desktop and phone), and a
 * retry of B's job forged through A's own server action form is refused and changes nothing.
 */
test("a brand's queue screen shows and retries only its own jobs", async ({ browser }) => {
  const ownerA = await browser.newPage();
  const a = await signUp(ownerA, "Queues A");
  const ownerB = await browser.newPage();
  const b = await signUp(ownerB, "Queues B");

  const [tenantA, tenantB] = await Promise.all([tenantIdOf(a.slug), tenantIdOf(b.slug)]);
  const suffix = a.slug.slice(-8);
  const jobA = await failedPollJob(tenantA, `src_a_${suffix}`, "A's source was refused upstream");
  const jobB = await failedPollJob(tenantB, `src_b_${suffix}`, "B's private failure reason");

  const adminEmail = await createMember(a.slug, "ADMIN");
  const context = await browser.newContext();
  const admin = await context.newPage();
  await signIn(admin, adminEmail);
  await admin.waitForURL(/\/t\//);

  async function expectOnlyA(page: Page) {
    const response = await page.goto(`/t/${a.slug}/settings/queues`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Queues" })).toBeVisible();
    await expect(page.getByText("A's source was refused upstream").filter({ visible: true })).toHaveCount(1);
    await expect(page.getByRole("button", { name: `Retry listening.poll-source job ${jobA}` })).toBeVisible();
    const text = await page.locator("main").innerText();
    expect(text).not.toContain("B's private failure reason");
    expect(text).not.toContain(jobB);
    expect(text).not.toContain(tenantB);
    // One failure, A's own, in the listening row.
    await expect(page.getByRole("row", { name: /listening/ }).locator('[data-state="failed"]')).toHaveText("1");
  }

  await admin.setViewportSize({ width: 1280, height: 900 });
  await expectOnlyA(admin);

  await admin.setViewportSize({ width: 375, height: 740 });
  await expectOnlyA(admin);
  // Usable on a phone: the page itself does not scroll sideways, the actions are on screen.
  expect(await admin.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  const box = await admin.getByRole("button", { name: `Retry listening.poll-source job ${jobA}` }).boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 375).toBe(true);
  await admin.screenshot({ path: test.info().outputPath("queues-phone.png"), fullPage: true });

  // Forge: A's own retry form, pointed at B's job id, submitted through the real server action.
  await admin.setViewportSize({ width: 1280, height: 900 });
  const retryA = admin.getByRole("button", { name: `Retry listening.poll-source job ${jobA}` });
  const form = retryA.locator("xpath=ancestor::form");
  await form.locator('input[name="jobId"]').evaluate((input, id) => ((input as HTMLInputElement).value = id), jobB);
  await retryA.click();
  await expect(form.getByRole("alert")).toHaveText("job not found");
  expect(await jobState(jobB)).toBe("failed");
  expect(await auditCount("queue.job_retried")).toBe(0);

  // The same form retrying A's own job works and is audited.
  await admin.reload();
  await admin.getByRole("button", { name: `Retry listening.poll-source job ${jobA}` }).click();
  await expect(admin.getByText("No failed jobs")).toBeVisible();
  expect(await jobState(jobA)).toBe("waiting");
  expect(await auditCount("queue.job_retried")).toBe(1);

  // The platform-wide view does not exist for a brand's admin or owner (and is off here anyway).
  for (const page of [admin, ownerA]) expect((await page.goto("/ops/queues"))?.status()).toBe(404);

  await context.close();
});
