import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { E2E_DATABASE_URL } from "../../playwright.config";
import { withClient } from "./support/db";
import { expectNoHorizontalScroll } from "./support/layout";
import { E2E_REDIS_URL, tenantIdOf } from "./support/queues";
import { signUp } from "./support/session";

/**
 * Issue 13 item 4 on a phone and a desktop: the owner adds a webhook endpoint in Settings (refused
 * without an event; the secret shown once, stored sealed), sends a test event, a new customer's
 * `customer.created` follows, both delivered by the worker's code and verified at the receiver with
 * the shown secret; the delivery log shows what the database holds; after a rotation both secrets
 * sign; turning the endpoint off is stored.
 */
const run = promisify(execFile);
// The stand-in worker sends every brand's due deliveries: both viewports run in one worker, one after the other.
test.describe.configure({ mode: "serial" });
const VIEWPORTS = [
  { name: "phone", size: { width: 360, height: 780 } },
  { name: "desktop", size: { width: 1280, height: 800 } },
];

interface Hit {
  headers: Record<string, string>;
  body: string;
}
let server: Server;
let hits: Hit[] = [];
let receiver = "";

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      hits.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200, { "content-type": "text/plain" }).end("received by the e2e receiver");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function deliverNow(baseURL: string) {
  await run("npx", ["tsx", "tests/e2e/support/run-webhook-deliveries.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "test",
      LOG_LEVEL: "warn",
      DATABASE_URL: E2E_DATABASE_URL,
      REDIS_URL: E2E_REDIS_URL,
      APP_URL: baseURL,
      NEXTAUTH_SECRET: "e2e-only-nextauth-secret-0123456789abcdef",
      ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
      WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
    },
    timeout: 60_000,
  });
}

const endpointsOf = (tenantId: string) =>
  withClient(
    async (c) =>
      (
        await c.query<{ id: string; url: string; events: string[]; enabled: boolean; secretCiphertext: string; previousSecretCiphertext: string | null }>(
          `SELECT id, url, events, enabled, "secretCiphertext", "previousSecretCiphertext" FROM "Webhook" WHERE "tenantId" = $1`,
          [tenantId],
        )
      ).rows,
  );

const deliveriesOf = (tenantId: string) =>
  withClient(
    async (c) =>
      (
        await c.query<{ id: string; event: string; status: string; responseStatus: number | null; messageId: string }>(
          `SELECT id, event, status, "responseStatus", "messageId" FROM "WebhookDelivery" WHERE "tenantId" = $1 ORDER BY "createdAt" DESC, id DESC`,
          [tenantId],
        )
      ).rows,
  );

for (const { name, size } of VIEWPORTS) {
  test.describe(`Webhooks on a ${name}`, () => {
    test.use({ viewport: size });

    test("add an endpoint, deliver a test event and a real one, verify them, rotate the secret, turn it off", async ({ page, baseURL }) => {
      const account = await signUp(page, "Hooks");
      const tenantId = await tenantIdOf(account.slug);
      await page.goto(`/t/${account.slug}/settings`);
      await page.getByRole("link", { name: "Webhooks" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
      await expect(page.getByTestId("no-webhooks")).toHaveText("No endpoint yet.");

      // No event chosen: refused with the reason, nothing stored.
      const form = page.getByRole("form", { name: "Add an endpoint" });
      await form.getByLabel("Endpoint URL").fill(`${receiver}/hooks/${name}`);
      await form.getByLabel("Description").fill(`CRM sync <b>${name}</b>`);
      await form.getByRole("button", { name: "Add endpoint" }).click();
      await expect(page.getByRole("alert").filter({ hasText: "choose at least one event" })).toBeVisible();
      expect(await endpointsOf(tenantId)).toEqual([]);

      await form.getByRole("checkbox", { name: /Customer created/ }).check();
      await form.getByRole("checkbox", { name: /Points awarded/ }).check();
      await form.getByRole("button", { name: "Add endpoint" }).click();
      const secret = (await page.getByTestId("webhook-secret").textContent())!.trim();
      expect(secret).toMatch(/^whsec_/);
      const [stored] = await endpointsOf(tenantId);
      expect(stored).toMatchObject({ url: `${receiver}/hooks/${name}`, events: ["customer.created", "points.awarded"], enabled: true });
      expect(stored!.secretCiphertext).not.toContain(secret.slice(6));
      const item = page.getByTestId("webhook");
      await expect(item).toHaveCount(1);
      await expect(item.getByTestId("webhook-events")).toHaveText("customer.created, points.awarded");
      await expect(item).toContainText(`CRM sync <b>${name}</b>`);

      // The endpoint's page: a test event, then a customer created in this brand.
      await item.getByRole("link", { name: `${receiver}/hooks/${name}` }).click();
      await expect(page.getByTestId("no-deliveries")).toBeVisible();
      await page.getByRole("button", { name: "Send test event" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Test event queued" })).toBeVisible();
      await withClient((c) =>
        c.query(`INSERT INTO "Customer" ("tenantId", "displayName", "externalId", "updatedAt") VALUES ($1, 'Webhook Wendy', 'pos-77', now())`, [tenantId]),
      );
      hits = [];
      await deliverNow(baseURL!);
      expect(hits.map((h) => (JSON.parse(h.body) as { type: string }).type).sort()).toEqual(["customer.created", "webhook.test"]);
      for (const hit of hits) expect(new Webhook(secret).verify(hit.body, hit.headers)).toBeTruthy();
      const created = JSON.parse(hits.find((h) => h.body.includes("customer.created"))!.body) as { data: { displayName: string; externalId: string } };
      expect(created.data).toMatchObject({ displayName: "Webhook Wendy", externalId: "pos-77" });

      await page.reload();
      const log = await deliveriesOf(tenantId);
      expect(log.map((d) => [d.event, d.status, d.responseStatus])).toEqual(
        expect.arrayContaining([
          ["webhook.test", "DELIVERED", 200],
          ["customer.created", "DELIVERED", 200],
        ]),
      );
      await expect(page.getByTestId("delivery")).toHaveCount(log.length);
      await expect(page.getByTestId("delivery-event")).toHaveText(log.map((d) => d.event));
      await expect(page.getByTestId("delivery-status")).toHaveText(log.map(() => "Delivered"));
      await expect(page.getByTestId("delivery-http").first()).toHaveText("HTTP 200");
      if (name === "phone") await expectNoHorizontalScroll(page);

      // Redelivery sends the same message id again.
      const first = log[0]!;
      await page
        .getByRole("button", { name: new RegExp(`^Redeliver ${first.event.replace(".", "\\.")}`) })
        .first()
        .click();
      // The row is pending again (its button gone until it is sent).
      await expect(page.locator(`[data-delivery-id="${first.id}"]`).getByTestId("delivery-status")).toHaveText("Pending");
      expect((await deliveriesOf(tenantId)).find((d) => d.id === first.id)!.status).toBe("PENDING");
      hits = [];
      await deliverNow(baseURL!);
      expect(hits.map((h) => h.headers["webhook-id"])).toEqual([first.messageId]);

      // Rotation: the new secret is shown once, and both sign for the overlap.
      await page.getByText("Rotate secret…").click();
      await page.getByRole("button", { name: "Rotate secret" }).click();
      const rotated = (await page.getByTestId("webhook-secret").textContent())!.trim();
      expect(rotated).toMatch(/^whsec_/);
      expect(rotated).not.toBe(secret);
      expect((await endpointsOf(tenantId))[0]!.previousSecretCiphertext).not.toBeNull();
      await page.getByRole("button", { name: "Send test event" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Test event queued" })).toBeVisible();
      hits = [];
      await deliverNow(baseURL!);
      expect(hits).toHaveLength(1);
      expect(new Webhook(secret).verify(hits[0]!.body, hits[0]!.headers)).toMatchObject({ type: "webhook.test" });
      expect(new Webhook(rotated).verify(hits[0]!.body, hits[0]!.headers)).toMatchObject({ type: "webhook.test" });

      await page.getByRole("button", { name: "Turn off" }).click();
      await expect(page.getByTestId("webhook-state")).toHaveText("Turned off");
      expect((await endpointsOf(tenantId))[0]!.enabled).toBe(false);
    });
  });
}
