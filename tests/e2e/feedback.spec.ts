import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E_DATABASE_URL } from "../../playwright.config";
import { feedbackSetup, feedbackState } from "./support/feedback";
import { freshPortalSignIn } from "./support/portal";
import { E2E_REDIS_URL, tenantIdOf } from "./support/queues";
import { signUp } from "./support/session";

/**
 * Feedback → advocacy. A customer opens a location's printed feedback link, is sent through
 * portal sign-in and comes back to the form with the location kept, gives a 10, is asked to link
 * X first, links it at the e2e server's X sandbox (in the browser, as account-linking.spec.ts
 * does), shares an edited post; the share job (run by a stand-in worker, the tier has none)
 * posts it and the brand's SHARE rule pays once. Another customer gives a 3: an acknowledgement,
 * no share prompt. Staff see it in Inbox → Feedback with the customer's history and mark it
 * handled. Everything is checked against the database, on a phone and a desktop.
 */
const VIEWPORTS = [
  { name: "phone", size: { width: 390, height: 844 } },
  { name: "desktop", size: { width: 1280, height: 800 } },
];
const run = promisify(execFile);
const SANDBOX_URL = `http://127.0.0.1:${Number(process.env.E2E_SANDBOX_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 1000)}`;

async function noHorizontalScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

/** Email → code → join (a new customer), on whatever sign-in page the browser is on; lands on its `next`. */
async function signInAndJoin(fan: Page, slug: string, brand: string, email: string, name: string) {
  await fan.getByLabel("Email").fill(email);
  await fan.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(fan.getByRole("status")).toContainText("Check your email");
  await fan.getByLabel("Code from the email").fill((await freshPortalSignIn(slug, email)).code);
  await fan.getByRole("button", { name: "Sign in with the code" }).click();
  await fan.getByLabel("Your name").fill(name);
  await fan.getByLabel("I accept the program terms").check();
  await fan.getByRole("button", { name: `Join ${brand} rewards` }).click();
}

async function newFan(browser: Browser, size: { width: number; height: number }) {
  const context = await browser.newContext({ viewport: size });
  return { context, fan: await context.newPage() };
}

for (const { name, size } of VIEWPORTS) {
  test.describe(`feedback on a ${name}`, () => {
    test.use({ viewport: size });

    test("a promoter shares and earns the share rule once; a detractor is heard and handled by staff", async ({ page, browser }) => {
      test.setTimeout(240_000);
      const staff = await signUp(page, "Feedback");
      const { slug, brand } = staff;
      const { locationId } = await feedbackSetup(slug, 25, "Harbour <Pier>");
      const tenantId = await tenantIdOf(slug);

      // Staff find each location's printable link and its QR code.
      await page.goto(`/t/${slug}/settings/listening`);
      const link = page.getByTestId("feedback-link");
      await expect(link).toHaveText(new RegExp(`/r/${slug}/feedback\\?at=${locationId}$`));
      await expect(page.getByRole("img", { name: "QR code of the feedback link for Harbour <Pier>" })).toHaveAttribute("src", /^data:image\/svg\+xml;base64,/);

      // The printed link, signed out: sign in, join, and come back to the form with the location kept.
      const promoter = await newFan(browser, size);
      const fan = promoter.fan;
      await fan.goto(`/r/${slug}/feedback?at=${locationId}`);
      await fan.waitForURL(new RegExp(`/r/${slug}/sign-in\\?next=`));
      await signInAndJoin(fan, slug, brand, `pro-${randomUUID().slice(0, 8)}@e2e.test`, "Pro <i>Moter</i>");
      await fan.waitForURL(new RegExp(`/r/${slug}/feedback\\?at=${locationId}$`));
      await expect(fan.getByText("About your visit to Harbour <Pier>.")).toBeVisible();
      await expect(fan.getByRole("group", { name: `How likely are you to recommend ${brand} to a friend?` })).toBeVisible();
      await expect(fan.getByRole("radio")).toHaveCount(11);
      await expect(fan.getByLabel("Which location was it?")).toHaveValue(locationId);
      await noHorizontalScroll(fan);
      await fan.getByRole("button", { name: "Send my answer" }).click();
      await expect(fan.getByText("choose a score from 0 to 10").first()).toBeVisible();
      await fan.getByRole("radio", { name: "10", exact: true }).check({ force: true });
      await fan.getByLabel("Anything you would like to tell us?").fill("Best <b>cones</b> in town");
      await fan.getByRole("button", { name: "Send my answer" }).click();
      await fan.waitForURL(/\/feedback\?answered=fbk_/);
      const answeredUrl = fan.url();
      await expect(fan.getByRole("status").filter({ hasText: "You made our day" })).toBeVisible();

      let state = await feedbackState(slug);
      expect(state.answers).toHaveLength(1);
      const proAnswer = state.answers[0]!;
      expect(proAnswer).toMatchObject({ score: 10, npsClass: "PROMOTER", comment: "Best <b>cones</b> in town", locationId, status: "OPEN" });
      expect(state.classes[proAnswer.customerId]).toBe("PROMOTER");

      // No linked X account that may post: "link X first", then link it at the sandbox.
      await fan.getByRole("link", { name: "Link X first" }).click();
      const connect = fan.getByTestId("connect-twitter");
      await connect.getByLabel(`${brand} may post the points I earn on my X account`).check();
      await connect.getByRole("button", { name: "Continue to X" }).click();
      const xName = `fb${randomUUID().replaceAll("-", "").slice(0, 10)}`;
      await fan.locator("#username").fill(xName);
      await fan.locator("#approve").click();
      await fan.waitForURL(new RegExp(`/r/${slug}/accounts\\?linked=`));

      // Back on the answer: the ready-made post, edited, shared.
      await fan.goto(answeredUrl);
      const post = fan.getByLabel("Your post on X");
      await expect(post).toHaveValue(`I'd give ${brand} a 10 out of 10. If you haven't tried ${brand} yet, you should!`);
      await expect(fan.getByText(`Posted as @${xName}; once it is live you earn 25 points for sharing.`)).toBeVisible();
      await noHorizontalScroll(fan);
      const text = `${brand} <3 — ten out of ten & worth the trip`;
      await post.fill(text);
      await fan.getByRole("button", { name: "Share on X" }).click();
      await expect(fan.getByRole("status").filter({ hasText: "Your post is on its way" })).toBeVisible();
      state = await feedbackState(slug);
      expect(state.shares).toEqual([
        {
          id: expect.stringMatching(/^shp_/),
          customerId: proAnswer.customerId,
          feedbackResponseId: proAnswer.id,
          text,
          status: "PENDING",
          externalPostId: null,
        },
      ]);
      expect(state.entries).toEqual([]);

      // The sharing job posts it at X and the share rule pays, once.
      const env = {
        ...process.env,
        NODE_ENV: "test" as const,
        LOG_LEVEL: "warn",
        DATABASE_URL: E2E_DATABASE_URL,
        REDIS_URL: E2E_REDIS_URL,
        NEXTAUTH_SECRET: "e2e-only-nextauth-secret-0123456789abcdef",
        ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
        TWITTER_API_BASE_URL: SANDBOX_URL,
      };
      await run("npx", ["tsx", "tests/e2e/support/run-share-job.ts", tenantId, state.shares[0]!.id], { env, timeout: 60_000 });
      state = await feedbackState(slug);
      expect(state.shares[0]).toMatchObject({ status: "POSTED", externalPostId: expect.stringMatching(/^\d+$/) });
      expect(state.entries).toEqual([
        { customerId: proAnswer.customerId, source: "SHARE", amount: 25, idempotencyKey: expect.stringMatching(new RegExp(`^share:${state.shares[0]!.id}:`)) },
      ]);
      await fan.reload();
      await expect(fan.getByText("Your post is live. Thank you for recommending us!")).toBeVisible();
      await fan.getByRole("link", { name: "My points" }).click();
      await expect(fan.getByTestId("portal-balance")).toHaveText("25");
      await promoter.context.close();

      // A detractor, from the portal's tab: an acknowledgement and never a share prompt.
      const detractor = await newFan(browser, size);
      const sad = detractor.fan;
      await sad.goto(`/r/${slug}/sign-in`);
      await signInAndJoin(sad, slug, brand, `det-${randomUUID().slice(0, 8)}@e2e.test`, "Det <b>Ractor</b>");
      await expect(sad.getByRole("heading", { level: 1, name: "Hi Det <b>Ractor</b>" })).toBeVisible();
      await sad.getByRole("link", { name: "Feedback", exact: true }).click();
      await sad.getByRole("radio", { name: "3", exact: true }).check({ force: true });
      const complaint = `<script>alert(1)</script> ${"cold coffee ".repeat(400)}`.slice(0, 1_000);
      await sad.getByLabel("Anything you would like to tell us?").fill(complaint);
      await sad.getByRole("button", { name: "Send my answer" }).click();
      await expect(sad.getByRole("status").filter({ hasText: `Thanks, someone from ${brand} will read this.` })).toBeVisible();
      await expect(sad.getByText("Tell your friends")).toHaveCount(0);
      await expect(sad.getByRole("button", { name: /Share on/ })).toHaveCount(0);
      await noHorizontalScroll(sad);
      state = await feedbackState(slug);
      const sadAnswer = state.answers.find((a) => a.score === 3)!;
      expect(sadAnswer).toMatchObject({ npsClass: "DETRACTOR", comment: complaint.trim(), locationId: null, status: "OPEN" });
      expect(state.classes[sadAnswer.customerId]).toBe("DETRACTOR");
      expect(state.shares).toHaveLength(1);
      await detractor.context.close();

      // Staff: Inbox → Feedback lists the detractor (not the promoter) with their history; mark handled.
      await page.goto(`/t/${slug}/inbox`);
      await expect(page.getByText("1 open detractor answer to follow up.")).toBeVisible();
      await page.getByRole("link", { name: "Open Feedback" }).click();
      const items = page.getByTestId("feedback-item");
      await expect(items).toHaveCount(1);
      const item = items.first();
      await expect(item.getByRole("link", { name: "Det <b>Ractor</b>" })).toHaveAttribute("href", `/t/${slug}/customers/${sadAnswer.customerId}`);
      await expect(item).toContainText("3 / 10");
      await expect(item).toContainText("Detractor");
      await expect(item.getByTestId("feedback-comment")).toHaveText(complaint.trim());
      await expect(item.getByTestId("feedback-history")).toContainText("0 points");
      await expect(item.getByTestId("feedback-history")).toContainText("Earlier answersNone");
      await noHorizontalScroll(page);
      await page.getByRole("link", { name: "All answers" }).click();
      await expect(items).toHaveCount(2);
      await expect(items.filter({ hasText: "Pro <i>Moter</i>" })).toContainText("25 points");
      await page.getByRole("link", { name: /^Detractors/ }).click();
      await item.getByRole("button", { name: "Mark handled" }).click();
      // The list is drawn again from the database: the item now says handled, without the button.
      await expect(item.getByRole("button", { name: "Mark handled" })).toHaveCount(0);
      await expect(item).toContainText("Handled");
      state = await feedbackState(slug);
      expect(state.answers.find((a) => a.id === sadAnswer.id)).toMatchObject({ status: "HANDLED", handledById: expect.stringMatching(/^usr_/) });
    });
  });
}
