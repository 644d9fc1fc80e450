// Tags on mentions: added once (normalised), listed on the row, filtered by, removed; audited;
// refused to viewers and across brands.
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { getDb } from "../../../src/server/db/client";
import { listInboxOptions } from "../../../src/server/modules/mentions/inbox/inbox-options";
import { listInbox } from "../../../src/server/modules/mentions/inbox/list-inbox";
import { tagMention, untagMention } from "../../../src/server/modules/mentions/inbox/triage-mentions";
import { addMember, createTenantWithMember } from "../support/factories";
import { seedMention } from "./inbox-kit";

describe("mention tags", () => {
  it("are added once in lower case, shown on the row and in the filter's choices, filtered by, and removed", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const tagged = await seedMention(ctx, { text: "my refund never came" });
    const other = await seedMention(ctx, { text: "nice cones" });
    expect(await tagMention(ctx, { mentionId: tagged.id, tag: "  Refund " })).toEqual({ added: true });
    expect(await tagMention(ctx, { mentionId: tagged.id, tag: "refund" })).toEqual({ added: false });
    await tagMention(ctx, { mentionId: tagged.id, tag: "über-urgent" });

    const page = await listInbox(ctx, { filters: {} });
    expect(page.items.find((i) => i.id === tagged.id)?.tags).toEqual(["refund", "über-urgent"]);
    expect(page.items.find((i) => i.id === other.id)?.tags).toEqual([]);
    expect((await listInbox(ctx, { filters: { tag: "REFUND" } })).items.map((i) => i.id)).toEqual([tagged.id]);
    expect((await listInboxOptions(ctx)).tags).toEqual([
      { value: "refund", label: "refund" },
      { value: "über-urgent", label: "über-urgent" },
    ]);

    expect(await untagMention(ctx, { mentionId: tagged.id, tag: "refund" })).toEqual({ removed: true });
    expect(await untagMention(ctx, { mentionId: tagged.id, tag: "refund" })).toEqual({ removed: false });
    expect((await listInbox(ctx, { filters: { tag: "refund" } })).items).toEqual([]);
    const audits = await getDb().auditLog.findMany({
      where: { tenantId: ctx.tenantId, action: { in: ["mention.tagged", "mention.untagged"] } },
      orderBy: { createdAt: "asc" },
    });
    expect(audits.map((a) => [a.action, a.data])).toEqual([
      ["mention.tagged", { tag: "refund" }],
      ["mention.tagged", { tag: "über-urgent" }],
      ["mention.untagged", { tag: "refund" }],
    ]);
  });

  it("refuses markup, empty and long tags, a viewer, and another brand's mention", async () => {
    const owner = await createTenantWithMember("OWNER");
    const viewer = await addMember(owner.ctx, "VIEWER");
    const other = await createTenantWithMember("OWNER");
    const mention = await seedMention(owner.ctx);
    for (const tag of ["<b>x</b>", "  ", "x".repeat(41), "-lead"]) {
      await expect(tagMention(owner.ctx, { mentionId: mention.id, tag })).rejects.toBeInstanceOf(ZodError);
    }
    await expect(tagMention(viewer.ctx, { mentionId: mention.id, tag: "ok" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(tagMention(other.ctx, { mentionId: mention.id, tag: "ok" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await getDb().mentionTag.count({ where: { tenantId: owner.ctx.tenantId } })).toBe(0);
  });
});
