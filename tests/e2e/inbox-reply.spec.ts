import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { withClient } from "./support/db";
import { expectNoHorizontalScroll } from "./support/layout";
import { createXUser, postOnX, xPost } from "./support/sandbox";
import { signUp } from "./support/session";

/**
 * Issue 12 item 2: the brand's owner connects the brand's X account from Settings → Channels
 * through the sandbox's consent page, then answers a customer's question from the inbox; the
 * reply is threaded under the question at the network (the sandbox's own record of the post),
 * stored, and shown on the card. On a phone's width and a desktop's, checked against the database.
 */
const VIEWPORTS = [
  { name: "phone", size: { width: 360, height: 780 } },
  { name: "desktop", size: { width: 1280, height: 800 } },
];

/** A fan's question posted at the sandbox, stored as the pipeline stores a mention (the e2e tier runs no worker). */
async function questionMention(slug: string, fan: string, text: string): Promise<{ tenantId: string; mentionId: string; postId: string }> {
  await createXUser(fan, 240);
  const post = await postOnX(fan, text);
  return withClient(async (c) => {
    const tenantId = (await c.query<{ id: string }>(`SELECT id FROM "Tenant" WHERE slug = $1`, [slug])).rows[0]!.id;
    const mentionId = (
      await c.query<{ id: string }>(
        `INSERT INTO "Mention" ("tenantId",network,"externalId","authorExternalId","authorHandle","authorFollowers",text,"postedAt",
           "matchedKeywords",status,"updatedAt")
         VALUES ($1,'TWITTER',$2,'a-' || $3,$3,240,$4,now(),ARRAY['tasti'],'PROSPECT',now()) RETURNING id`,
        [tenantId, post.id, fan, text],
      )
    ).rows[0]!.id;
    return { tenantId, mentionId, postId: post.id };
  });
}

for (const { name, size } of VIEWPORTS) {
  test.describe(`replying from the inbox on a ${name}`, () => {
    test.use({ viewport: size });

    test("connect the brand's X account, reply to a question, and the reply is in the sandbox's thread", async ({ page }) => {
      test.setTimeout(120_000);
      const account = await signUp(page, "Replies");
      const handle = `brand${randomUUID().replaceAll("-", "").slice(0, 10)}`;

      // Connect X from Channels, through the sandbox's consent page.
      await page.goto(`/t/${account.slug}/settings/channels`);
      const card = page.getByTestId("brand-account");
      await expect(card).toContainText("No account is connected: the inbox cannot reply on X, and X sources need the app's credentials below.");
      await expectNoHorizontalScroll(page);
      await card.getByRole("button", { name: "Connect X" }).click();
      await expect(page.locator("#scopes")).toContainText("tweet.write");
      await page.locator("#username").fill(handle);
      await page.locator("#approve").click();
      await page.waitForURL(/\/settings\/channels\?brandAccount=connected/);
      await expect(page.getByRole("status").filter({ hasText: "Connected" })).toContainText(`The brand's X account @${handle} is connected.`);
      const stored = await withClient(
        async (c) =>
          (
            await c.query(`SELECT b.handle, b.status::text FROM "BrandSocialAccount" b JOIN "Tenant" t ON t.id = b."tenantId" WHERE t.slug = $1`, [
              account.slug,
            ])
          ).rows,
      );
      expect(stored).toEqual([{ handle, status: "ACTIVE" }]);
      await expect(card).toContainText(`@${handle}`);
      // With no app credentials stored, X listening reads with that account, and the X card says so.
      const appCredentials = await withClient(
        async (c) =>
          (await c.query(`SELECT count(*)::int AS n FROM "ChannelConnection" k JOIN "Tenant" t ON t.id = k."tenantId" WHERE t.slug = $1`, [account.slug]))
            .rows[0].n,
      );
      expect(appCredentials).toBe(0);
      await expect(page.getByTestId("listening-via-brand")).toHaveText(
        `No app credentials are active: X sources are read with the brand's connected account @${handle}.`,
      );

      // A customer's question, answered from the inbox.
      const fan = `fan${randomUUID().replaceAll("-", "").slice(0, 10)}`;
      const question = await questionMention(account.slug, fan, "Is the Tasti on 5th open on Sunday?");
      await page.goto(`/t/${account.slug}/inbox`);
      const item = page.locator(`[data-mention-id="${question.mentionId}"]`);
      await expect(item.getByTestId("inbox-text")).toHaveText("Is the Tasti on 5th open on Sunday?");
      await item.getByText(`Reply as @${handle}`).click();
      const answer = `@${fan} Yes, 10am to 6pm! 🍦`;
      await item.getByLabel(/Reply \(posted publicly/).fill(answer);
      await item.getByRole("button", { name: "Post reply" }).click();
      await expect(item.getByRole("status")).toHaveText(`Posted as @${handle}.`);
      await expect(item.getByTestId("mention-reply-text")).toHaveText(answer);
      await expect(item.getByTestId("mention-reply")).toContainText("Posted");
      await expectNoHorizontalScroll(page);

      // Stored once, and at the network it is a reply to the question, by the brand's account.
      const replies = await withClient(
        async (c) =>
          (
            await c.query<{ text: string; status: string; externalPostId: string }>(
              `SELECT text, status::text, "externalPostId" FROM "MentionReply" WHERE "tenantId" = $1 AND "mentionId" = $2`,
              [question.tenantId, question.mentionId],
            )
          ).rows,
      );
      expect(replies).toHaveLength(1);
      expect(replies[0]).toMatchObject({ text: answer, status: "SENT" });
      const atNetwork = await xPost(replies[0]!.externalPostId);
      expect(atNetwork).toMatchObject({ kind: "reply", ref_id: question.postId, author_username: handle, text: answer });
      await expect(item.getByRole("link", { name: "Open the reply" })).toHaveAttribute("href", `https://x.com/${handle}/status/${replies[0]!.externalPostId}`);
    });
  });
}
