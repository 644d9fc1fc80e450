// Issue 13 item 4: outbound webhooks. Events are written to an outbox by the transaction that makes
// them true (triggers and emitWebhookEvent), delivered by the worker's tick with Standard Webhooks
// signatures, retried on a schedule, logged, redeliverable, and an endpoint failing for more than a
// day is turned off with a mail to the brand's admins. Private addresses are refused unless allowed.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb, unsafeCrossTenantDb } from "../../../src/server/db/client";
import { resetEnvCache } from "../../../src/server/env";
import { createCustomer, updateCustomer } from "../../../src/server/modules/customers/customer.service";
import { adjustPoints } from "../../../src/server/modules/ledger/adjust-points";
import { deliverDueWebhooks, MAX_ATTEMPTS, RETRY_DELAYS_MS } from "../../../src/server/modules/webhooks/deliver-webhooks";
import { startWebhookDispatcher } from "../../../src/server/modules/webhooks/webhook-dispatcher";
import { DELIVERY_LOG_DAYS, pruneDeliveryLog } from "../../../src/server/modules/webhooks/prune-deliveries";
import {
  createWebhook,
  redeliver,
  rotateWebhookSecret,
  sendTestEvent,
  setWebhookEnabled,
  getWebhook,
  listWebhooks,
} from "../../../src/server/modules/webhooks/webhooks.service";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { queuedMails } from "../support/queued-mail";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let received: Received[] = [];
let answer = { status: 200, body: "ok, thanks" };
let base = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(answer.status, { "content-type": "text/plain" }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "true";
  resetEnvCache();
  received = [];
  answer = { status: 200, body: "ok, thanks" };
});

afterEach(async () => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
  resetEnvCache();
  // The delivery tick serves every brand: endpoints of one test must not receive another's retries.
  await unsafeCrossTenantDb().webhook.deleteMany({ where: { id: { startsWith: "whk_" } } });
});

async function endpoint(ctx: TenantContext, events: string[], path = "/hooks") {
  return createWebhook(ctx, { url: `${base}${path}`, description: "CRM sync", events: events as never });
}

async function deliveries(ctx: TenantContext, webhookId: string) {
  return getDb().webhookDelivery.findMany({ where: { tenantId: ctx.tenantId, webhookId }, orderBy: { createdAt: "asc" } });
}

describe("webhook outbox", () => {
  it("a committed change writes one delivery per subscribed endpoint of its brand; a rolled-back one writes none", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const other = await createTenantWithMember("ADMIN");
    const { webhook } = await endpoint(ctx, ["customer.created", "customer.updated"]);
    const onlyUpdates = await endpoint(ctx, ["customer.updated"]);
    const theirs = await endpoint(other.ctx, ["customer.created"]);

    const customer = await makeCustomer(ctx, { externalId: "pos-1" });
    await updateCustomer(ctx, customer.id, { displayName: "Ada Lovelace" });
    await expect(
      getDb().$transaction(async (tx) => {
        await tx.customer.create({ data: { tenantId: ctx.tenantId, displayName: "Never committed" } });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");

    const mine = await deliveries(ctx, webhook.id);
    expect(mine.map((d) => d.event)).toEqual(["customer.created", "customer.updated"]);
    expect(mine[0]!.payload).toMatchObject({ type: "customer.created", data: { customerId: customer.id, externalId: "pos-1" } });
    expect(mine[1]!.payload).toMatchObject({ type: "customer.updated", data: { customerId: customer.id, customer: { displayName: "Ada Lovelace" } } });
    expect((await deliveries(ctx, onlyUpdates.webhook.id)).map((d) => d.event)).toEqual(["customer.updated"]);
    expect(await deliveries(other.ctx, theirs.webhook.id)).toEqual([]);
  });

  it("ledger entries become points events (and a turned-off endpoint gets nothing)", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const { webhook } = await endpoint(ctx, ["points.awarded", "points.deducted"]);
    const off = await endpoint(ctx, ["points.awarded"]);
    await setWebhookEnabled(ctx, { webhookId: off.webhook.id, enabled: false });
    const customer = await makeCustomer(ctx);
    await adjustPoints(ctx, { customerId: customer.id, amount: 40, reason: "welcome bonus", idempotencyKey: "adj-1" });
    await adjustPoints(ctx, { customerId: customer.id, amount: 40, reason: "welcome bonus", idempotencyKey: "adj-1" });
    await adjustPoints(ctx, { customerId: customer.id, amount: -15, reason: "correction", idempotencyKey: "adj-2" });
    const rows = await deliveries(ctx, webhook.id);
    expect(rows.map((d) => [d.event, (d.payload as { data: { amount: number } }).data.amount])).toEqual([
      ["points.awarded", 40],
      ["points.deducted", -15],
    ]);
    expect(await deliveries(ctx, off.webhook.id)).toEqual([]);
  });
});

describe("webhook delivery", () => {
  it("signs with the Standard Webhooks headers, logs the answer, and a redelivery repeats the same message id", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const { webhook, secret } = await endpoint(ctx, ["customer.created"]);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const customer = await makeCustomer(ctx);
    const result = await deliverDueWebhooks();
    expect(result.delivered).toBeGreaterThanOrEqual(1);
    expect(received).toHaveLength(1);
    const [hit] = received;
    const verified = new Webhook(secret).verify(hit!.body, hit!.headers as Record<string, string>) as { type: string; data: { customerId: string } };
    expect(verified).toMatchObject({ type: "customer.created", data: { customerId: customer.id } });
    const [row] = await deliveries(ctx, webhook.id);
    expect(row).toMatchObject({ status: "DELIVERED", attempts: 1, responseStatus: 200, responseExcerpt: "ok, thanks", messageId: hit!.headers["webhook-id"] });
    const [listed] = await listWebhooks(ctx);
    expect(listed).toMatchObject({ id: webhook.id, state: "ACTIVE", lastDelivery: { status: "DELIVERED", responseStatus: 200 } });

    await redeliver(ctx, { webhookId: webhook.id, deliveryId: row!.id });
    await deliverDueWebhooks();
    expect(received).toHaveLength(2);
    expect(received[1]!.headers["webhook-id"]).toBe(row!.messageId);
    expect(new Webhook(secret).verify(received[1]!.body, received[1]!.headers as Record<string, string>)).toBeTruthy();
  });

  it("after a rotation both secrets sign until the overlap ends; a test event goes to that endpoint only", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const { webhook, secret: oldSecret } = await endpoint(ctx, ["customer.created"]);
    const { secret: newSecret } = await rotateWebhookSecret(ctx, { webhookId: webhook.id });
    await sendTestEvent(ctx, { webhookId: webhook.id });
    await deliverDueWebhooks();
    expect(received).toHaveLength(1);
    const headers = received[0]!.headers as Record<string, string>;
    expect(headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(new Webhook(oldSecret).verify(received[0]!.body, headers)).toMatchObject({ type: "webhook.test" });
    expect(new Webhook(newSecret).verify(received[0]!.body, headers)).toMatchObject({ type: "webhook.test" });
  });

  it("retries on the schedule, then gives up and turns off an endpoint that failed for more than a day, mailing the admins", async () => {
    const { ctx, user } = await createTenantWithMember("OWNER");
    const { webhook } = await endpoint(ctx, ["customer.created"]);
    answer = { status: 503, body: "down for maintenance" };
    await makeCustomer(ctx);
    const start = Date.now();
    let now = new Date(start);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await deliverDueWebhooks(() => now);
      const [row] = await deliveries(ctx, webhook.id);
      expect(row).toMatchObject({ attempts: attempt, responseStatus: 503, responseExcerpt: "down for maintenance", lastError: "HTTP 503" });
      if (attempt < MAX_ATTEMPTS) {
        expect(row!.status).toBe("PENDING");
        expect(row!.nextAttemptAt!.getTime()).toBe(now.getTime() + RETRY_DELAYS_MS[attempt - 1]!);
        now = new Date(row!.nextAttemptAt!.getTime());
      } else expect(row!.status).toBe("FAILED");
    }
    expect(received).toHaveLength(MAX_ATTEMPTS);
    expect(now.getTime() - start).toBeGreaterThan(24 * 3_600_000);
    const { webhook: after } = await getWebhook(ctx, webhook.id);
    expect(after).toMatchObject({ state: "DISABLED", enabled: false });
    expect(after.disabledReason).toContain("more than a day");
    const mails = await queuedMails((m) => m.to === user.email && m.subject.includes("webhook endpoint"));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(`/settings/webhooks/${webhook.id}`);
    const audit = await getDb().auditLog.findMany({ where: { tenantId: ctx.tenantId, targetId: webhook.id, action: "webhook.disabled" } });
    expect(audit).toHaveLength(1);
  });

  it("the worker's dispatcher sends a new event within about a second, with no tick, and stops cleanly", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const { webhook } = await endpoint(ctx, ["customer.created"]);
    const dispatcher = startWebhookDispatcher({ idleMs: 50 });
    try {
      const customer = await makeCustomer(ctx);
      const committed = Date.now();
      await expect.poll(() => received.length, { timeout: 5_000, interval: 20 }).toBe(1);
      expect(Date.now() - committed).toBeLessThan(1_000);
      expect(JSON.parse(received[0]!.body)).toMatchObject({ type: "customer.created", data: { customerId: customer.id } });
    } finally {
      await dispatcher.close();
    }
    const [row] = await deliveries(ctx, webhook.id);
    expect(row).toMatchObject({ status: "DELIVERED", attempts: 1 });
    // Closed: a later event waits for the next tick.
    await makeCustomer(ctx);
    await new Promise((r) => setTimeout(r, 200));
    expect(received).toHaveLength(1);
  });

  it("a success ends the failure streak", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const { webhook } = await endpoint(ctx, ["customer.created"]);
    answer = { status: 500, body: "boom" };
    await makeCustomer(ctx);
    await deliverDueWebhooks();
    expect((await getWebhook(ctx, webhook.id)).webhook.state).toBe("FAILING");
    answer = { status: 204, body: "" };
    await deliverDueWebhooks(() => new Date(Date.now() + 10_000));
    const { webhook: after, deliveries: log } = await getWebhook(ctx, webhook.id);
    expect(after.state).toBe("ACTIVE");
    expect(log[0]).toMatchObject({ status: "DELIVERED", attempts: 2, responseStatus: 204 });
  });
});

describe("webhook endpoints are safe by default", () => {
  it("private, loopback and link-local targets are refused when saved and when sent, unless the operator allows them", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const { webhook } = await endpoint(ctx, ["customer.created"]);
    process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "false";
    resetEnvCache();
    for (const url of [
      "http://127.0.0.1:9/x",
      "http://localhost/x",
      "http://169.254.169.254/latest/meta-data",
      "http://10.1.2.3/",
      "http://[::1]/",
      "http://192.168.0.10/",
    ]) {
      await expect(createWebhook(ctx, { url, events: ["customer.created"] })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    }
    await expect(createWebhook(ctx, { url: "ftp://example.com/x", events: ["customer.created"] })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(createWebhook(ctx, { url: "https://user:pw@example.com/x", events: ["customer.created"] })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });

    await makeCustomer(ctx);
    await deliverDueWebhooks();
    expect(received).toHaveLength(0);
    const [row] = await deliveries(ctx, webhook.id);
    expect(row).toMatchObject({ status: "PENDING", attempts: 1, responseStatus: null });
    expect(row!.lastError).toContain("private");
  });

  it("an API key cannot add, change or see a listener's secret; another brand's endpoint is not found", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const other = await createTenantWithMember("ADMIN");
    const { webhook } = await endpoint(other.ctx, ["customer.created"]);
    const keyCtx: TenantContext = { ...ctx, actor: { type: "API_KEY", id: "key_x" }, scopes: new Set(["config:write"]) } as unknown as TenantContext;
    await expect(createWebhook(keyCtx, { url: `${base}/x`, events: ["customer.created"] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getWebhook(ctx, webhook.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(sendTestEvent(ctx, { webhookId: webhook.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const marketer = { ...ctx, role: "MARKETER" } as TenantContext;
    await expect(createWebhook(marketer, { url: `${base}/x`, events: ["customer.created"] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // createCustomer through the real path still works with no endpoints at all.
    await expect(createCustomer(ctx, { displayName: "No listeners", emails: ["quiet@example.test"] })).resolves.toMatchObject({ displayName: "No listeners" });
  });
});

describe("the delivery log", () => {
  it("drops finished deliveries older than the retention, keeps recent and pending ones, at most once an hour", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const { webhook } = await endpoint(ctx, ["customer.created"]);
    const old = new Date(Date.now() - (DELIVERY_LOG_DAYS + 1) * 86_400_000);
    const row = (status: "DELIVERED" | "FAILED" | "PENDING", createdAt: Date) => ({
      tenantId: ctx.tenantId,
      webhookId: webhook.id,
      event: "customer.created",
      payload: {},
      status,
      createdAt,
      nextAttemptAt: status === "PENDING" ? new Date(Date.now() + 3_600_000) : null,
    });
    await getDb().webhookDelivery.createMany({ data: [row("DELIVERED", old), row("FAILED", old), row("PENDING", old), row("DELIVERED", new Date())] });
    expect(await pruneDeliveryLog(new Date(), true)).toBeGreaterThanOrEqual(2);
    const left = await deliveries(ctx, webhook.id);
    expect(left.map((d) => d.status).sort()).toEqual(["DELIVERED", "PENDING"]);
    expect(left.find((d) => d.status === "DELIVERED")!.createdAt.getTime()).toBeGreaterThan(old.getTime());
    // Unforced, the first call of the hour runs and the next does not.
    await pruneDeliveryLog();
    await getDb().webhookDelivery.createMany({ data: [row("DELIVERED", old)] });
    expect(await pruneDeliveryLog()).toBe(0);
    expect(await deliveries(ctx, webhook.id)).toHaveLength(3);
  });
});
