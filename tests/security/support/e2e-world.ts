import { expect, type APIRequestContext } from "@playwright/test";
import pg from "pg";
import { E2E_DATABASE_URL } from "../../../playwright.config";
import type { VictimIds } from "../cross-tenant-matrix";

/** A query on the e2e database (the app's own tables, written the way the app writes them). */
export async function e2eQuery<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export async function tenantIdOf(slug: string): Promise<string> {
  const [row] = await e2eQuery<{ id: string }>(`SELECT id FROM "Tenant" WHERE slug = $1`, [slug]);
  if (!row) throw new Error(`no tenant ${slug}`);
  return row.id;
}

async function created<T>(response: Promise<import("@playwright/test").APIResponse>): Promise<T> {
  const answer = await response;
  expect(answer.ok(), `${answer.url()} → ${answer.status()} ${await answer.text()}`).toBe(true);
  return (await answer.json()) as T;
}

/**
 * One object of every kind in tenant `slug`, through the API as its owner would (the mention and
 * the location, which no route creates, as the pipeline and the listening form store them).
 * `label` goes into every name so a page or an answer that leaks one can be spotted.
 */
export async function populateTenant(api: APIRequestContext, origin: string, slug: string, label: string): Promise<{ ids: VictimIds; names: string[] }> {
  const base = `/api/v1/tenants/${slug}`;
  const headers = { Origin: origin };
  const customer = await created<{ id: string }>(
    api.post(`${base}/customers`, { headers, data: { displayName: `${label} customer`, emails: [`${label.toLowerCase()}@victim.test`] } }),
  );
  const segment = await created<{ id: string }>(
    api.post(`${base}/segments`, { headers, data: { name: `${label} segment`, filter: { lifecycleStages: ["LOYAL"] } } }),
  );
  const campaign = await created<{ id: string }>(
    api.post(`${base}/campaigns`, {
      headers,
      data: { name: `${label} campaign`, startsAt: "2026-01-01T00:00:00Z", endsAt: "2027-01-01T00:00:00Z", multiplier: 2, segmentId: segment.id },
    }),
  );
  const rule = await created<{ id: string }>(
    api.post(`${base}/rules`, { headers, data: { network: "TWITTER", action: "MENTION", name: `${label} rule`, basePoints: 7 } }),
  );
  const channel = await created<{ id: string }>(
    api.put(`${base}/channels/twitter`, { headers, data: { credentials: { kind: "bearer", bearerToken: `${label}-bearer-token-0123456789` } } }),
  );
  const keyword = `${label.toLowerCase()}word`;
  const source = await created<{ id: string }>(api.post(`${base}/sources`, { headers, data: { network: "TWITTER", kind: "KEYWORD", value: keyword } }));
  const tenantId = await tenantIdOf(slug);
  const [location] = await e2eQuery<{ id: string }>(
    `INSERT INTO "Location" ("tenantId", name, city, "updatedAt") VALUES ($1, $2, 'Springfield', now()) RETURNING id`,
    [tenantId, `${label} store`],
  );
  const [mention] = await e2eQuery<{ id: string }>(
    `INSERT INTO "Mention" ("tenantId", network, "externalId", "authorExternalId", "authorHandle", "authorFollowers", text, "postedAt", "matchedKeywords", "sentimentScore", "sentimentLabel", status, "fetchedAt", "updatedAt")
     VALUES ($1, 'TWITTER', $2, '44000001', $3, 10, $4, now(), ARRAY[$5], 0.5, 'PROMOTER', 'NEW', now(), now()) RETURNING id`,
    [tenantId, String(1_900_000_000_000_000_000n + BigInt(Date.now())), `${label.toLowerCase()}fan`, `love ${keyword}`, keyword],
  );
  // Stored as the form would (POST …/rewards makes one too; the SQL keeps this world's setup independent of the route under test).
  const [reward] = await e2eQuery<{ id: string }>(`INSERT INTO "Reward" ("tenantId", name, cost, "updatedAt") VALUES ($1, $2, 50, now()) RETURNING id`, [
    tenantId,
    `${label} reward`,
  ]);
  // Endpoints are added by a server action; its settings page is addressed by id. The secret is never read by a page.
  const [webhook] = await e2eQuery<{ id: string }>(
    `INSERT INTO "Webhook" ("tenantId", url, description, "secretCiphertext", events, "updatedAt") VALUES ($1, $2, $3, 'unused', ARRAY['customer.created'], now()) RETURNING id`,
    [tenantId, `https://${label.toLowerCase()}.example.com/hooks`, `${label} webhook`],
  );
  // B's customer CSV, uploaded as the import screen does (the file's bytes as the body).
  const customerImport = await created<{ id: string }>(
    api.post(`${base}/customer-imports?filename=${label}.csv`, {
      headers: { ...headers, "content-type": "text/csv" },
      data: `name,email\n${label} imported,${label.toLowerCase()}-import@victim.test\n`,
    }),
  );
  // A redemption of B's reward by B's customer, stored as a redemption leaves it: no route may fulfil or cancel it for A.
  const [redemption] = await e2eQuery<{ id: string }>(
    `INSERT INTO "Redemption" ("tenantId", "customerId", "rewardId", cost, "idempotencyKey", "updatedAt") VALUES ($1, $2, $3, 50, $4, now()) RETURNING id`,
    [tenantId, customer.id, reward!.id, `${label}-victim-redemption`],
  );
  return {
    ids: {
      webhook: webhook!.id,
      redemption: redemption!.id,
      customerImport: customerImport.id,
      reward: reward!.id,
      customer: customer.id,
      segment: segment.id,
      campaign: campaign.id,
      rule: rule.id,
      source: source.id,
      mention: mention!.id,
      location: location!.id,
      channel: channel.id,
    },
    names: [
      `${label} customer`,
      `${label} segment`,
      `${label} campaign`,
      `${label} rule`,
      keyword,
      `${label} store`,
      `${label} reward`,
      `${label} webhook`,
      `${label}.csv`,
    ],
  };
}

/** "[id]" in a route stands for the object of the resource named just before it. */
const RESOURCE_OF: Record<string, keyof VictimIds> = {
  customers: "customer",
  segments: "segment",
  campaigns: "campaign",
  rules: "rule",
  sources: "source",
  mentions: "mention",
  rewards: "reward",
  locations: "location",
  webhooks: "webhook",
  redemptions: "redemption",
  "customer-imports": "customerImport",
  import: "customerImport",
};

/** "/api/v1/tenants/[tenant]/customers/[id]" with the slug and the victim's ids filled in. */
export function fillRoute(route: string, slug: string, ids: VictimIds): string {
  const parts = route.split("/");
  return parts
    .map((part, i) => {
      if (part === "[tenant]") return slug;
      if (part === "[network]") return "twitter";
      // An external id names a customer of the slug's brand only: B's slug with any id is refused.
      if (part === "[externalId]") return "victim-external-id";
      if (part === "[id]") {
        const kind = RESOURCE_OF[parts[i - 1]!];
        if (!kind) throw new Error(`${route}: no victim object for [id] after "${parts[i - 1]}"; add it to RESOURCE_OF`);
        return ids[kind]!;
      }
      if (part.startsWith("[")) throw new Error(`${route}: unknown dynamic segment ${part}; teach fillRoute what to put there`);
      return part;
    })
    .join("/");
}
