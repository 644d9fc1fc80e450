// What an open inbox polls for: mentions matching its filters that were collected after the page
// was drawn, capped, never another brand's.
import { describe, expect, it } from "vitest";
import { getDb } from "../../../src/server/db/client";
import { ARRIVALS_CAP, countInboxArrivals } from "../../../src/server/modules/mentions/inbox/inbox-arrivals";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { seedMention } from "./inbox-kit";

describe("inbox arrivals", () => {
  it("counts mentions collected since the page was drawn that match its filters, and nothing of another brand", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const other = await createTenantWithMember("OWNER");
    const customer = await makeCustomer(ctx);
    await seedMention(ctx, { text: "before the page" });
    const since = new Date().toISOString();
    expect(await countInboxArrivals(ctx, { since })).toEqual({ newer: 0, capped: false });

    await new Promise((r) => setTimeout(r, 5)); // createdAt keeps milliseconds: let the clock move past `since`
    await seedMention(ctx, { text: "a prospect asks about pistachio", network: "TWITTER" });
    await seedMention(ctx, { text: "checked in", network: "FOURSQUARE", customerId: customer.id });
    await seedMention(other.ctx, { text: "pistachio elsewhere" });
    expect(await countInboxArrivals(ctx, { since })).toEqual({ newer: 2, capped: false });
    expect(await countInboxArrivals(ctx, { since, network: "FOURSQUARE" })).toEqual({ newer: 1, capped: false });
    expect(await countInboxArrivals(ctx, { since, q: "pistachio" })).toEqual({ newer: 1, capped: false });
    expect(await countInboxArrivals(ctx, { since, author: "customer" })).toEqual({ newer: 1, capped: false });
    expect(await countInboxArrivals(other.ctx, { since })).toEqual({ newer: 1, capped: false });
  });

  it("stops counting past the cap, and refuses a missing or malformed since", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const since = new Date(Date.now() - 1_000).toISOString();
    const rows = Array.from({ length: ARRIVALS_CAP + 5 }, (_, i) => ({
      tenantId: ctx.tenantId,
      network: "TWITTER" as const,
      externalId: `flood-${i}`,
      authorExternalId: "flooder",
      authorHandle: "flooder",
      authorFollowers: 1,
      text: `flood ${i}`,
      postedAt: new Date(),
    }));
    await getDb().mention.createMany({ data: rows });
    expect(await countInboxArrivals(ctx, { since })).toEqual({ newer: ARRIVALS_CAP, capped: true });
    await expect(countInboxArrivals(ctx, { since: "yesterday" })).rejects.toThrow();
    await expect(countInboxArrivals(ctx, {} as never)).rejects.toThrow();
  });
});
