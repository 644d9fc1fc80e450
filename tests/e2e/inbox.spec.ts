import { expect, test, type Page } from "@playwright/test";
import {
  balanceOf,
  bonusesOf,
  collectMention,
  inboxViewsOf,
  mentionIdsWhere,
  mentionState,
  mentionsTagged,
  reversalsOf,
  seedInbox,
  seedLoyalSegment,
  sentimentOf,
  tagsOf,
} from "./support/inbox";
import { signUp } from "./support/session";

/**
 * The mention inbox on a phone and a desktop: a marketer (the brand's owner) filters the
 * mentions by author and a search, and the cards shown are exactly the database's answer in its
 * order; moves a question to "In progress" and awards it a bonus; disqualifies a paid mention and the ledger holds one
 * reversal of its 30 points; filters by a customer segment and tags a selection and all matching, each checked against
 * the database. Hostile text (5,000-character name and post, 280-character handle, right-to-left, emoji) never makes
 * the page wider than the screen.
 */
const VIEWPORTS = [
  { name: "phone", size: { width: 360, height: 780 } },
  { name: "desktop", size: { width: 1280, height: 800 } },
];

async function noHorizontalScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

async function shownIds(page: Page): Promise<string[]> {
  return page.getByTestId("inbox-item").evaluateAll((items) => items.map((item) => item.getAttribute("data-mention-id") ?? ""));
}

for (const { name, size } of VIEWPORTS) {
  test.describe(`inbox on a ${name}`, () => {
    test.use({ viewport: size });

    test("filter, search, change a status, award a bonus and disqualify with one reversal", async ({ page }) => {
      test.setTimeout(180_000); // sign-up, seeding and three server actions on a shared 2-core machine
      const { slug } = await signUp(page, "Inbox");
      const seed = await seedInbox(slug);

      await page.goto(`/t/${slug}/inbox`);
      await expect(page.getByRole("link", { name: "Open Feedback" })).toBeVisible();
      expect(await shownIds(page)).toEqual(await mentionIdsWhere(seed.tenantId, "true"));
      await expect(page.locator(`[data-mention-id="${seed.rtlId}"]`).getByTestId("inbox-text")).toHaveAttribute("dir", "auto");
      await expect(page.locator(`[data-mention-id="${seed.questionId}"]`).getByText("Question", { exact: true })).toBeVisible();
      await noHorizontalScroll(page);

      // Customers' mentions that say "ramen", through the form into the URL.
      const filters = page.getByRole("form", { name: "Filter mentions" });
      await filters.getByLabel("Author").selectOption("customer");
      await filters.getByLabel("Search the text").fill("ramen");
      await filters.getByRole("button", { name: "Apply filters" }).click();
      await expect(page).toHaveURL(/author=customer/);
      await expect(page).toHaveURL(/q=ramen/);
      const expected = await mentionIdsWhere(seed.tenantId, `"customerId" IS NOT NULL AND "searchVector" @@ websearch_to_tsquery('simple', $2)`, ["ramen"]);
      expect(expected).toEqual([seed.hostileId, seed.questionId, seed.paidId]);
      await expect(page.getByTestId("inbox-item")).toHaveCount(expected.length);
      expect(await shownIds(page)).toEqual(expected);
      await noHorizontalScroll(page);

      // The question goes to "In progress".
      const question = page.locator(`[data-mention-id="${seed.questionId}"]`);
      await question.getByText("Triage", { exact: true }).click();
      await question.getByLabel("Status", { exact: true }).selectOption("in_progress");
      await question.getByRole("button", { name: "Save status" }).click();
      await expect(question.getByRole("status")).toHaveText("Updated 1 mention.");
      await expect(question.getByTestId("inbox-status")).toHaveText("In progress");
      expect(await mentionState(seed.tenantId, seed.questionId)).toEqual({ status: "CREDITED", triage: "IN_PROGRESS" });
      await noHorizontalScroll(page);

      // A bonus for the question: one ADJUSTMENT entry on the mention, with the reason.
      await question.getByLabel("Bonus points").fill("15");
      await question.getByRole("textbox", { name: "Reason for the bonus" }).fill("asked a great question");
      await question.getByRole("button", { name: "Award bonus" }).click();
      await expect(question.getByRole("status").filter({ hasText: "Awarded 15 points" })).toBeVisible();
      expect(await bonusesOf(seed.tenantId, seed.questionId)).toEqual([{ amount: 15, customerId: seed.customerId, note: "asked a great question" }]);
      expect(await balanceOf(seed.tenantId, seed.customerId)).toBe(45);

      // The paid mention is disqualified: its 30 points are reversed once, by an entry pointing at it.
      const paid = page.locator(`[data-mention-id="${seed.paidId}"]`);
      await paid.getByText("Triage", { exact: true }).click();
      await paid.getByLabel("Status", { exact: true }).selectOption("disqualified");
      await paid.getByRole("textbox", { name: "Reason (to disqualify)" }).fill("bought followers");
      await paid.getByRole("button", { name: "Save status" }).click();
      await expect(paid.getByTestId("inbox-status")).toHaveText("Disqualified");
      await expect(paid).toContainText("30 paid, 30 taken back");
      expect(await mentionState(seed.tenantId, seed.paidId)).toMatchObject({ status: "DISQUALIFIED" });
      expect(await reversalsOf(seed.tenantId, seed.paidEntryId)).toEqual([{ amount: -30 }]);
      expect(await balanceOf(seed.tenantId, seed.customerId)).toBe(15);

      // The status filter agrees with the database too.
      await page.goto(`/t/${slug}/inbox?status=disqualified`);
      expect(await shownIds(page)).toEqual(await mentionIdsWhere(seed.tenantId, `status = 'DISQUALIFIED'`));
      expect(await shownIds(page)).toEqual([seed.paidId]);
      await noHorizontalScroll(page);
    });

    test("save a view, move all matching mentions at once, correct a sentiment and tag a mention", async ({ page }) => {
      test.setTimeout(180_000);
      const { slug } = await signUp(page, "Inbox views");
      const seed = await seedInbox(slug);

      // Prospects' mentions, saved as a view of this member's own.
      await page.goto(`/t/${slug}/inbox?author=prospect`);
      const prospects = await mentionIdsWhere(seed.tenantId, `"customerId" IS NULL`);
      expect(await shownIds(page)).toEqual(prospects);
      const save = page.getByRole("form", { name: "Save these filters as a view" });
      await save.getByRole("textbox", { name: "Name of the view" }).fill("Prospects to welcome");
      await save.getByRole("button", { name: "Save as a view" }).click();
      await expect(save.getByRole("status")).toHaveText("View saved.");
      expect(await inboxViewsOf(seed.tenantId)).toEqual([{ name: "Prospects to welcome", filters: { author: "prospect" } }]);
      await noHorizontalScroll(page);

      // The view is a link back to those filters from the unfiltered inbox.
      await page.goto(`/t/${slug}/inbox`);
      await page.getByTestId("inbox-views").getByRole("link", { name: "Prospects to welcome" }).click();
      await expect(page).toHaveURL(/author=prospect/);
      expect(await shownIds(page)).toEqual(prospects);

      // "All matching": every prospect mention to Done, and no customer's.
      const all = page.getByRole("form", { name: "Change all matching mentions" });
      await all.getByLabel("Every mention these filters match, on all pages").selectOption("done");
      await all.getByRole("button", { name: "Apply to all matching" }).click();
      await expect(all.getByRole("status")).toHaveText(`Updated ${prospects.length} matching mentions.`);
      expect(await mentionIdsWhere(seed.tenantId, `triage = 'DONE'`)).toEqual(prospects);
      await expect(page.getByTestId("inbox-status").first()).toHaveText("Done");

      // The paid mention read as positive; staff say negative, and the model's word stays beside it.
      await page.goto(`/t/${slug}/inbox?author=customer`);
      const paid = page.locator(`[data-mention-id="${seed.paidId}"]`);
      await paid.getByText("Triage", { exact: true }).click();
      await paid.getByLabel("Sentiment", { exact: true }).selectOption("DETRACTOR");
      await paid.getByRole("button", { name: "Set sentiment" }).click();
      await expect(paid.getByRole("status")).toHaveText("Sentiment set.");
      await expect(paid.getByTestId("inbox-sentiment")).toHaveText("Negative");
      await expect(paid).toContainText("(set by staff; model said positive)");
      expect(await sentimentOf(seed.tenantId, seed.paidId)).toEqual({ label: "DETRACTOR", model: "PROMOTER", overridden: true });
      // The sentiment filter follows the correction.
      await page.goto(`/t/${slug}/inbox?sentiment=DETRACTOR`);
      expect(await shownIds(page)).toEqual([seed.paidId]);
      await noHorizontalScroll(page);

      // A tag on it (normalised to lower case), shown on the card, then the inbox filtered by it.
      const card = page.locator(`[data-mention-id="${seed.paidId}"]`);
      await card.getByText("Triage", { exact: true }).click();
      await card.getByLabel("Tag", { exact: true }).fill("Refund");
      await card.getByRole("button", { name: "Add tag" }).click();
      await expect(card.getByRole("status").filter({ hasText: "Tagged “refund”." })).toBeVisible();
      await expect(card.getByTestId("mention-tags")).toContainText("refund");
      expect(await tagsOf(seed.tenantId, seed.paidId)).toEqual(["refund"]);
      await page.goto(`/t/${slug}/inbox?tag=refund`);
      expect(await shownIds(page)).toEqual([seed.paidId]);
    });

    test("filter by a customer segment, keep it in a view, and tag the selection and all matching", async ({ page }) => {
      test.setTimeout(180_000);
      const { slug } = await signUp(page, "Inbox segments");
      const seed = await seedInbox(slug);
      const segmentId = await seedLoyalSegment(seed.tenantId, seed.customerId);
      const inSegment = `"customerId" IN (SELECT id FROM "Customer" WHERE "tenantId" = $1 AND "lifecycleStage" = 'LOYAL')`;

      // The segment is chosen by name in the filters; the list is its members' mentions, as the database says.
      await page.goto(`/t/${slug}/inbox`);
      const filters = page.getByRole("form", { name: "Filter mentions" });
      await filters.getByLabel("Customer segment").selectOption({ label: "Loyal fans" });
      await filters.getByRole("button", { name: "Apply filters" }).click();
      await expect(page).toHaveURL(new RegExp(`segment=${segmentId}`));
      const members = await mentionIdsWhere(seed.tenantId, inSegment);
      expect(members).toEqual([seed.questionId, seed.paidId]);
      await expect(page.getByTestId("inbox-item")).toHaveCount(members.length);
      expect(await shownIds(page)).toEqual(members);
      await noHorizontalScroll(page);

      // Saved as a view, the segment comes back with it.
      const save = page.getByRole("form", { name: "Save these filters as a view" });
      await save.getByRole("textbox", { name: "Name of the view" }).fill("Loyal fans only");
      await save.getByRole("button", { name: "Save as a view" }).click();
      await expect(save.getByRole("status")).toHaveText("View saved.");
      expect(await inboxViewsOf(seed.tenantId)).toEqual([{ name: "Loyal fans only", filters: { segment: segmentId } }]);
      await page.goto(`/t/${slug}/inbox`);
      await page.getByTestId("inbox-views").getByRole("link", { name: "Loyal fans only" }).click();
      await expect(page).toHaveURL(new RegExp(`segment=${segmentId}`));
      expect(await shownIds(page)).toEqual(members);

      // A tag on the selected question only (normalised to lower case).
      await page.locator(`[data-mention-id="${seed.questionId}"]`).getByRole("checkbox").check();
      const selection = page.getByRole("form", { name: "Change the selected mentions" });
      await selection.getByLabel("Tag the selected mentions").fill("Follow Up");
      await selection.getByRole("button", { name: "Add tag to selected" }).click();
      await expect(selection.getByRole("status")).toHaveText("Tagged 1 mention “follow up”.");
      expect(await mentionsTagged(seed.tenantId, "follow up")).toEqual([seed.questionId]);
      await expect(page.locator(`[data-mention-id="${seed.questionId}"]`).getByTestId("mention-tags")).toContainText("follow up");
      await expect(page.locator(`[data-mention-id="${seed.paidId}"]`).getByTestId("mention-tags")).toHaveCount(0);
      await noHorizontalScroll(page);

      // A tag on every mention the segment filter matches, and on no other.
      const all = page.getByRole("form", { name: "Tag all matching mentions" });
      await all.getByLabel("Tag every mention these filters match").fill("vip");
      await all.getByRole("button", { name: "Add tag to all matching" }).click();
      await expect(all.getByRole("status")).toHaveText(`Tagged ${members.length} matching mentions “vip”.`);
      expect(await mentionsTagged(seed.tenantId, "vip")).toEqual(members);
      for (const id of members) await expect(page.locator(`[data-mention-id="${id}"]`).getByTestId("mention-tags")).toContainText("vip");
      await page.goto(`/t/${slug}/inbox?tag=vip`);
      expect(await shownIds(page)).toEqual(members);

      // A segment that is not the brand's is said, not a crash, and one link drops it.
      await page.goto(`/t/${slug}/inbox?segment=seg_${"0".repeat(32)}&author=customer`);
      await expect(page.getByTestId("inbox-unknown-segment")).toContainText("This customer segment no longer exists in this brand");
      await expect(page.getByTestId("inbox-item")).toHaveCount(0);
      await noHorizontalScroll(page);
      await page.getByRole("link", { name: "Show the inbox without it" }).click();
      await expect(page).toHaveURL(/author=customer/);
      await expect(page).not.toHaveURL(/segment=/);
      expect(await shownIds(page)).toEqual(await mentionIdsWhere(seed.tenantId, `"customerId" IS NOT NULL`));
    });

    test("announces a mention collected while the page is open, and shows it on request", async ({ page }) => {
      test.setTimeout(120_000);
      const { slug } = await signUp(page, "Inbox live");
      const seed = await seedInbox(slug);
      await page.goto(`/t/${slug}/inbox`);
      const before = await shownIds(page);
      await expect(page.getByTestId("inbox-arrivals")).toHaveCount(0);

      const fresh = await collectMention(seed.tenantId, "just landed: is the pistachio back?");
      // The page polls every 10 s while visible.
      await expect(page.getByTestId("inbox-arrivals")).toContainText("1 new mention since you opened this page.", { timeout: 30_000 });
      expect(await shownIds(page)).toEqual(before);
      await noHorizontalScroll(page);
      await page.getByRole("button", { name: "Show them" }).click();
      await expect(page.getByTestId("inbox-item").first()).toHaveAttribute("data-mention-id", fresh);
      expect(await shownIds(page)).toEqual(await mentionIdsWhere(seed.tenantId, "true"));
      await expect(page.getByTestId("inbox-arrivals")).toHaveCount(0);
    });
  });
}
