import { expect, test, type Page } from "@playwright/test";
import { createMember, withClient } from "./support/db";
import { tenantIdOf } from "./support/queues";
import { signIn, signUp } from "./support/session";

// Settings → Team: a pending invitation is resent (a new one replaces it) and revoked; Settings →
// Audit log shows those changes as the database holds them, filtered by who and what. A viewer is
// refused the log. Desktop and a 360 px phone.

const pending = (tenantId: string, email: string) =>
  withClient(async (c) =>
    (
      await c.query<{ id: string }>(
        `SELECT id FROM "Invitation" WHERE "tenantId" = $1 AND email = $2 AND "acceptedAt" IS NULL AND "revokedAt" IS NULL ORDER BY "createdAt"`,
        [tenantId, email],
      )
    ).rows.map((r) => r.id),
  );
const auditRows = (tenantId: string, prefix = "") =>
  withClient(
    async (c) =>
      (
        await c.query<{ id: string; action: string }>(`SELECT id, action FROM "AuditLog" WHERE "tenantId" = $1 AND action LIKE $2 ORDER BY id DESC`, [
          tenantId,
          `${prefix}%`,
        ])
      ).rows,
  );

async function expectNoHorizontalScroll(page: Page) {
  const { overflow, widest } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // The outermost elements that reach past the viewport, to say what widened the page.
    const widest = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className.toString().slice(0, 80)}`);
    return { overflow: document.documentElement.scrollWidth - width, widest };
  });
  expect(overflow, widest.join("\n")).toBeLessThanOrEqual(0);
}

for (const viewport of [
  { name: "desktop", size: { width: 1280, height: 800 } },
  { name: "phone", size: { width: 360, height: 740 } },
]) {
  test.describe(`on a ${viewport.name}`, () => {
    test.use({ viewport: viewport.size });

    test("an owner resends and revokes an invitation, then reads both in the audit log; a viewer cannot", async ({ page, browser }) => {
      const account = await signUp(page, "Team");
      const tenantId = await tenantIdOf(account.slug);
      const invitee = `invitee-${Date.now()}@e2e.test`;

      await page.goto(`/t/${account.slug}/settings/members`);
      await page.getByLabel("Email").fill(invitee);
      await page.getByRole("button", { name: "Send invitation" }).click();
      await expect(page.getByText(`Invitation sent to ${invitee}.`)).toBeVisible();
      const [first] = await pending(tenantId, invitee);
      expect(first).toBeDefined();

      await page.getByRole("button", { name: `Resend the invitation to ${invitee}` }).click();
      await expect(page.getByRole("status").filter({ hasText: `Invitation sent again to ${invitee}` })).toBeVisible();
      const afterResend = await pending(tenantId, invitee);
      expect(afterResend).toHaveLength(1);
      expect(afterResend[0]).not.toBe(first);
      await expectNoHorizontalScroll(page);

      await page.getByRole("button", { name: `Revoke the invitation to ${invitee}` }).click();
      await expect(page.getByRole("region", { name: "Pending invitations" })).toHaveCount(0);
      expect(await pending(tenantId, invitee)).toEqual([]);

      // The audit log: the database's entries, newest first, then only the member area.
      await page.goto(`/t/${account.slug}/settings`);
      await page.getByRole("link", { name: "Audit log" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
      const all = await auditRows(tenantId);
      const cards = page.getByRole("list", { name: "Audit entries" }).getByRole("listitem");
      await expect(cards).toHaveCount(all.length);
      for (const [i, row] of all.entries()) {
        await expect(cards.nth(i)).toHaveAttribute("data-audit-id", row.id);
        await expect(cards.nth(i).getByTestId("audit-action")).toHaveText(row.action);
      }
      expect(all.slice(0, 3).map((r) => r.action)).toEqual(["member.invitation_revoked", "member.invited", "member.invited"]);
      await expect(cards.first().getByTestId("audit-actor")).toHaveText(`by ${account.name}`);

      await page.getByLabel("What").selectOption("member");
      await page.getByLabel("Who").selectOption({ label: account.name });
      await page.getByRole("button", { name: "Apply" }).click();
      await expect(page).toHaveURL(/what=member/);
      const members = await auditRows(tenantId, "member.");
      await expect(cards).toHaveCount(members.length);
      for (const [i, row] of members.entries()) await expect(cards.nth(i)).toHaveAttribute("data-audit-id", row.id);
      await expectNoHorizontalScroll(page);

      // A viewer of the same brand is refused the page.
      const viewerEmail = await createMember(account.slug, "VIEWER");
      const viewer = await browser.newPage({ viewport: viewport.size });
      await signIn(viewer, viewerEmail);
      await viewer.waitForURL(/\/t\//);
      const refused = await viewer.goto(`/t/${account.slug}/settings/audit`);
      expect(refused?.status()).toBe(403);
      await expect(viewer.getByRole("heading", { name: "You cannot open this page" })).toBeVisible();
      await viewer.close();
    });
  });
}
