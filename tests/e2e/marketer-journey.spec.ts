import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { downloadCsv } from "./support/csv-download";
import { withClient } from "./support/db";
import { balanceOf, bonusesOf, mentionIdsWhere, reversalsOf } from "./support/inbox";
import { expectNoHorizontalScroll } from "./support/layout";
import { createXUser, postOnX, xPost } from "./support/sandbox";
import { signUp } from "./support/session";

/**
 * Issue 12's "done means", as one marketer's working session on a phone and a desktop: the
 * overview's term bar leads to its mentions; the inbox is filtered to a customer's question, which
 * is assigned and answered as the brand's X account (the reply is in the sandbox's thread); a paid
 * mention is disqualified and the reversal shows in the customer's ledger; a bonus is awarded; a
 * duplicate sign-up is merged in and one balance holds both; the ledger is exported as CSV. Every
 * step is checked against the database (the e2e tier runs no worker, so mentions are written as
 * the pipeline leaves them).
 */
const VIEWPORTS = [
  { name: "phone", size: { width: 360, height: 780 } },
  { name: "desktop", size: { width: 1280, height: 800 } },
];

const QUESTION = "Do you still have the pistachio cup at the 5th Ave store?";

interface Seed {
  tenantId: string;
  termId: string;
  adaId: string;
  duplicateId: string;
  questionId: string;
  questionPostId: string;
  paidId: string;
  paidEntryId: string;
}

/**
 * A tracked term; Ada, a linked customer whose post about the brand was paid 30 points and who
 * asks a question (posted at the sandbox, so a reply can thread under it); a prospect's mention;
 * and Ada's duplicate sign-up holding 70 points.
 */
async function seedBrand(slug: string, fan: string): Promise<Seed> {
  await createXUser(fan, 1_800);
  const post = await postOnX(fan, QUESTION);
  return withClient(async (c) => {
    const one = async <T>(text: string, values: unknown[]) => (await c.query(text, values)).rows[0] as T;
    const { id: tenantId } = await one<{ id: string }>(`SELECT id FROM "Tenant" WHERE slug = $1`, [slug]);
    const { id: termId } = await one<{ id: string }>(
      `INSERT INTO "ListeningSource" ("tenantId", network, kind, value, "updatedAt") VALUES ($1, 'TWITTER', 'KEYWORD', 'tasti', now()) RETURNING id`,
      [tenantId],
    );
    const customer = async (name: string, email: string) => {
      const { id } = await one<{ id: string }>(`INSERT INTO "Customer" ("tenantId", "displayName", "updatedAt") VALUES ($1, $2, now()) RETURNING id`, [
        tenantId,
        name,
      ]);
      await c.query(`INSERT INTO "CustomerEmail" ("tenantId", "customerId", email, "isPrimary") VALUES ($1, $2, $3, true)`, [tenantId, id, email]);
      return id;
    };
    const adaId = await customer("Ada Lovelace", `ada-${fan}@journey.test`);
    const duplicateId = await customer("Ada L. (old sign-up)", `ada.old-${fan}@journey.test`);
    const { id: profileId } = await one<{ id: string }>(
      `INSERT INTO "SocialProfile" ("tenantId", "customerId", network, "externalUserId", handle, "followersCount", "linkedAt", "updatedAt")
       VALUES ($1, $2, 'TWITTER', $3, $3, 1800, now() - interval '2 days', now()) RETURNING id`,
      [tenantId, adaId, fan],
    );
    const mention = async (externalId: string, text: string, hoursAgo: number, customerId: string | null, sentiment: string | null) =>
      (
        await one<{ id: string }>(
          `INSERT INTO "Mention" ("tenantId", network, "externalId", "customerId", "socialProfileId", "sourceId", "authorExternalId", "authorHandle",
             "authorFollowers", text, "postedAt", "matchedKeywords", "sentimentLabel", "sentimentScore", status, "updatedAt")
           VALUES ($1, 'TWITTER', $2, $3, $4, $5, $6, $7, 1800, $8, now() - make_interval(hours => $9::int), ARRAY['tasti'],
             $10::"SentimentLabel", CASE WHEN $10::text IS NULL THEN NULL ELSE 0.7 END,
             CASE WHEN $3::text IS NULL THEN 'PROSPECT' ELSE 'CREDITED' END::"MentionStatus", now())
           RETURNING id`,
          [
            tenantId,
            externalId,
            customerId,
            customerId ? profileId : null,
            termId,
            customerId ? fan : "stranger",
            customerId ? fan : "stranger",
            text,
            hoursAgo,
            sentiment,
          ],
        )
      ).id;
    const paidId = await mention(`paid-${fan}`, "Tasti pistachio cup is the best thing in NYC", 5, adaId, "PROMOTER");
    const questionId = await mention(post.id, QUESTION, 1, adaId, null);
    await mention(`prospect-${fan}`, "first time at Tasti, not bad", 3, null, "PASSIVE");
    await c.query("BEGIN");
    const { id: paidEntryId } = await one<{ id: string }>(
      `INSERT INTO "LedgerEntry" ("tenantId", "customerId", amount, source, "idempotencyKey", "mentionId", explanation)
       VALUES ($1, $2, 30, 'MENTION', 'mention:journey:' || $3, $3, jsonb_build_object('formula', '30')) RETURNING id`,
      [tenantId, adaId, paidId],
    );
    await c.query(`INSERT INTO "PointBalance" ("tenantId", "customerId", balance, "lifetimeEarned", "updatedAt") VALUES ($1, $2, 30, 30, now())`, [
      tenantId,
      adaId,
    ]);
    await c.query(
      `INSERT INTO "LedgerEntry" ("tenantId", "customerId", amount, source, "idempotencyKey", explanation)
       VALUES ($1, $2, 70, 'ADJUSTMENT', 'adjustment:journey:' || $2, jsonb_build_object('formula', '+70 set by staff', 'note', 'welcome'))`,
      [tenantId, duplicateId],
    );
    await c.query(`INSERT INTO "PointBalance" ("tenantId", "customerId", balance, "lifetimeEarned", "updatedAt") VALUES ($1, $2, 70, 70, now())`, [
      tenantId,
      duplicateId,
    ]);
    await c.query("COMMIT");
    return { tenantId, termId, adaId, duplicateId, questionId, questionPostId: post.id, paidId, paidEntryId };
  });
}

async function shownIds(page: Page): Promise<string[]> {
  return page.getByTestId("inbox-item").evaluateAll((items) => items.map((item) => item.getAttribute("data-mention-id") ?? ""));
}

for (const { name, size } of VIEWPORTS) {
  test.describe(`a marketer's day on a ${name}`, () => {
    test.use({ viewport: size });

    test("overview → inbox → assign and reply → disqualify → bonus → merge → ledger export, each against the database", async ({ page }) => {
      test.setTimeout(300_000); // a dozen server actions and page loads on a shared 2-core machine
      const account = await signUp(page, "Journey");
      const fan = `ada${randomUUID().replaceAll("-", "").slice(0, 10)}`;
      const brandHandle = `tasti${randomUUID().replaceAll("-", "").slice(0, 8)}`;
      const seed = await seedBrand(account.slug, fan);

      // The overview's bar for the tracked term opens the inbox filtered to its mentions.
      await page.goto(`/t/${account.slug}?period=7`);
      const termMentions = await mentionIdsWhere(seed.tenantId, `"sourceId" = $2`, [seed.termId]);
      expect(termMentions).toHaveLength(3);
      await expect(page.getByTestId(`terms-${seed.termId}-value`)).toHaveText(String(termMentions.length));
      await expectNoHorizontalScroll(page);
      await page.getByTestId(`terms-${seed.termId}`).click();
      await page.waitForURL((url) => url.pathname.endsWith("/inbox") && url.searchParams.get("source") === seed.termId);
      await expect(page.getByTestId("inbox-item")).toHaveCount(termMentions.length);
      expect(await shownIds(page)).toEqual(termMentions);

      // Filtered to customers' mentions that say "pistachio": the database's answer, in its order.
      const filters = page.getByRole("form", { name: "Filter mentions" });
      await filters.getByLabel("Author").selectOption("customer");
      await filters.getByLabel("Search the text").fill("pistachio");
      await filters.getByRole("button", { name: "Apply filters" }).click();
      await page.waitForURL((url) => url.searchParams.get("author") === "customer");
      const expected = await mentionIdsWhere(seed.tenantId, `"customerId" IS NOT NULL AND text ILIKE '%pistachio%'`);
      expect(expected).toEqual([seed.questionId, seed.paidId]);
      await expect(page.getByTestId("inbox-item")).toHaveCount(expected.length);
      expect(await shownIds(page)).toEqual(expected);
      const question = page.locator(`[data-mention-id="${seed.questionId}"]`);
      await expect(question.getByText("Question", { exact: true })).toBeVisible();

      // Assigned to the owner.
      await question.getByText("Triage", { exact: true }).click();
      await question.getByLabel("Assigned to").selectOption({ label: account.name });
      await question.getByRole("button", { name: "Assign", exact: true }).click();
      await expect(question.getByRole("status").filter({ hasText: "Assigned." })).toBeVisible();
      const assignee = await withClient(
        async (c) =>
          (
            await c.query<{ name: string }>(
              `SELECT u.name FROM "Mention" m JOIN "Membership" ms ON ms."tenantId" = m."tenantId" AND ms.id = m."assigneeId" JOIN "User" u ON u.id = ms."userId"
               WHERE m."tenantId" = $1 AND m.id = $2`,
              [seed.tenantId, seed.questionId],
            )
          ).rows,
      );
      expect(assignee).toEqual([{ name: account.name }]);
      await expect(question).toContainText(`assigned to ${account.name}`);

      // Answered as the brand: Channels → Connect X through the sandbox's consent page, then the reply.
      await page.goto(`/t/${account.slug}/settings/channels`);
      await page.getByTestId("brand-account").getByRole("button", { name: "Connect X" }).click();
      await page.locator("#username").fill(brandHandle);
      await page.locator("#approve").click();
      await page.waitForURL(/\/settings\/channels\?brandAccount=connected/);
      await page.goto(`/t/${account.slug}/inbox?author=customer&q=pistachio`);
      await question.getByText(`Reply as @${brandHandle}`).click();
      const answer = `@${fan} Yes! All week at 5th Ave 🍨`;
      await question.getByLabel(/Reply \(posted publicly/).fill(answer);
      await question.getByRole("button", { name: "Post reply" }).click();
      await expect(question.getByRole("status").filter({ hasText: "Posted as" })).toHaveText(`Posted as @${brandHandle}.`);
      await expect(question.getByTestId("mention-reply-text")).toHaveText(answer);
      const [reply] = await withClient(
        async (c) =>
          (
            await c.query<{ text: string; status: string; externalPostId: string }>(
              `SELECT text, status::text, "externalPostId" FROM "MentionReply" WHERE "tenantId" = $1 AND "mentionId" = $2`,
              [seed.tenantId, seed.questionId],
            )
          ).rows,
      );
      expect(reply).toMatchObject({ text: answer, status: "SENT" });
      const thread = await xPost(reply!.externalPostId);
      expect(thread).toMatchObject({ kind: "reply", ref_id: seed.questionPostId, author_username: brandHandle });
      await expectNoHorizontalScroll(page);

      // The paid mention disqualified: one reversal of its 30 points, shown in Ada's ledger.
      const paid = page.locator(`[data-mention-id="${seed.paidId}"]`);
      await paid.getByText("Triage", { exact: true }).click();
      await paid.getByLabel("Status", { exact: true }).selectOption("disqualified");
      await paid.getByRole("textbox", { name: "Reason (to disqualify)" }).fill("bought followers");
      await paid.getByRole("button", { name: "Save status" }).click();
      await expect(paid.getByTestId("inbox-status")).toHaveText("Disqualified");
      expect(await reversalsOf(seed.tenantId, seed.paidEntryId)).toEqual([{ amount: -30 }]);
      expect(await balanceOf(seed.tenantId, seed.adaId)).toBe(0);

      // A bonus for the question: a manual entry with its reason.
      await question.getByText("Triage", { exact: true }).click();
      await question.getByLabel("Bonus points").fill("15");
      await question.getByRole("textbox", { name: "Reason for the bonus" }).fill("great question about stock");
      await question.getByRole("button", { name: "Award bonus" }).click();
      await expect(question.getByRole("status").filter({ hasText: "Awarded 15 points" })).toBeVisible();
      expect(await bonusesOf(seed.tenantId, seed.questionId)).toEqual([{ amount: 15, customerId: seed.adaId, note: "great question about stock" }]);
      expect(await balanceOf(seed.tenantId, seed.adaId)).toBe(15);

      // Ada's 360: the reversal and the bonus are lines of her ledger, the balance is the database's.
      await page.goto(`/t/${account.slug}/customers/${seed.adaId}`);
      const ledger = await withClient(
        async (c) =>
          (
            await c.query<{ id: string; amount: number; source: string }>(
              `SELECT id, amount, source::text FROM "LedgerEntry" WHERE "tenantId" = $1 AND "customerId" = $2 ORDER BY id DESC`,
              [seed.tenantId, seed.adaId],
            )
          ).rows,
      );
      expect(ledger.map((e) => [e.source, e.amount])).toEqual([
        ["ADJUSTMENT", 15],
        ["REVERSAL", -30],
        ["MENTION", 30],
      ]);
      await expect(page.getByTestId("points-balance")).toHaveText("15");
      await expect(page.getByTestId("ledger-line")).toHaveCount(ledger.length);
      for (const [i, entry] of ledger.entries()) await expect(page.getByTestId("ledger-line").nth(i)).toHaveAttribute("data-entry-id", entry.id);
      await expectNoHorizontalScroll(page);

      // The duplicate sign-up merged into Ada: one balance holding both, by a MERGE pair.
      await page.goto(`/t/${account.slug}/customers/${seed.duplicateId}`);
      await page.getByRole("link", { name: "Merge into another customer…" }).click();
      const search = page.getByRole("searchbox", { name: "Search customers to merge into" });
      await search.fill(`ada-${fan}@journey.test`);
      await search.press("Enter");
      const results = page.getByRole("list", { name: "Matching customers" }).getByRole("link");
      await expect(results).toHaveCount(1);
      await results.first().click();
      await expect(page.getByTestId("merge-into-after")).toHaveText("85 points");
      await page.getByRole("button", { name: /^Merge into Ada Lovelace/ }).click();
      await expect(page).toHaveURL(new RegExp(`/customers/${seed.adaId}\\?saved=merged`), { timeout: 30_000 });
      expect(await balanceOf(seed.tenantId, seed.adaId)).toBe(85);
      expect(await balanceOf(seed.tenantId, seed.duplicateId)).toBe(0);
      await expect(page.getByTestId("points-balance")).toHaveText("85");
      await expectNoHorizontalScroll(page);

      // The brand's ledger exported: every entry, newest first, as the database holds them.
      await page.goto(`/t/${account.slug}/ledger`);
      const csv = await downloadCsv(page, page.getByRole("link", { name: "Export CSV" }));
      const entries = await withClient(
        async (c) =>
          (
            await c.query<{ id: string; amount: number; customerId: string }>(
              `SELECT id, amount, "customerId" FROM "LedgerEntry" WHERE "tenantId" = $1 ORDER BY id DESC`,
              [seed.tenantId],
            )
          ).rows,
      );
      expect(entries).toHaveLength(6); // mention, reversal, bonus, the duplicate's 70, the MERGE pair
      expect(csv[0]!.slice(0, 4)).toEqual(["Entry", "Date (UTC)", "Kind", "Points"]);
      expect(csv.slice(1).map((r) => [r[0], Number(r[3]), r[5]])).toEqual(entries.map((e) => [e.id, e.amount, e.customerId]));
    });
  });
}
