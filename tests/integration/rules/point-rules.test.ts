import { describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { AppError } from "../../../src/server/errors";
import type { PointRuleCreateInput } from "../../../src/server/modules/rules/point-rule.schemas";
import {
  createPointRule,
  getPointRuleOrThrow,
  listPointRules,
  setPointRuleEnabled,
  updatePointRule,
} from "../../../src/server/modules/rules/point-rule.service";
import { toAppError } from "../../../src/server/http/problem";
import { loadRules } from "../../../src/server/modules/mentions/scoring-inputs";
import { addMember, createTenantWithMember } from "../support/factories";

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "expected the call to fail").not.toBeNull();
  return toAppError(error);
}

const tweetRule = (overrides: Partial<PointRuleCreateInput> = {}): PointRuleCreateInput => ({
  network: "TWITTER",
  action: "MENTION",
  name: "Tweet mention",
  basePoints: 10,
  ...overrides,
});

function auditOf(ctx: TenantContext, targetId: string) {
  return getDb().auditLog.findMany({ where: { tenantId: ctx.tenantId, targetId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

describe("point rules", () => {
  it("creates a rule with defaults, audits it, and lists rules per channel", async () => {
    const { ctx, user } = await createTenantWithMember("ADMIN");
    const rule = await createPointRule(ctx, tweetRule({ dailyCap: 100 }));
    expect(rule).toMatchObject({
      network: "TWITTER",
      action: "MENTION",
      name: "Tweet mention",
      basePoints: 10,
      influenceCurve: "LOG",
      influenceFactor: 0.5,
      maxMultiplier: 3,
      dailyCap: 100,
      minSentiment: null,
      enabled: true,
    });
    expect(rule.id).toMatch(/^rule_[0-9a-f]{32}$/);
    await createPointRule(ctx, { network: "FOURSQUARE", action: "CHECKIN", name: "Check-in", basePoints: 5, influenceCurve: "NONE" });
    await createPointRule(ctx, tweetRule({ action: "LINK_ACCOUNT", name: "Link X", basePoints: 50 }));

    const all = await listPointRules(ctx);
    expect(all.items.map((r) => `${r.network}/${r.action}/${r.name}`)).toEqual([
      "TWITTER/MENTION/Tweet mention",
      "TWITTER/LINK_ACCOUNT/Link X",
      "FOURSQUARE/CHECKIN/Check-in",
    ]);
    expect((await listPointRules(ctx, { network: "FOURSQUARE" })).items.map((r) => r.name)).toEqual(["Check-in"]);

    const audit = await auditOf(ctx, rule.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "point_rule.created", targetType: "PointRule", actorType: "USER", actorId: user.id });
    expect(audit[0]?.data).toMatchObject({ after: { name: "Tweet mention", basePoints: 10, dailyCap: 100 } });
  });

  it("refuses absurd points with a message naming the fields, and stores nothing", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const error = await failure(createPointRule(ctx, tweetRule({ basePoints: 10_000, maxMultiplier: 20 })));
    expect(error.code).toBe("VALIDATION_FAILED");
    const paths = error.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["basePoints", "maxMultiplier"]));
    expect(error.issues[0]?.message).toMatch(/base points × max multiplier = 10,000 × 20 = 200,000/);
    // the same base points without an influence curve can never be multiplied: allowed
    await expect(createPointRule(ctx, tweetRule({ basePoints: 10_000, maxMultiplier: 20, influenceCurve: "NONE" }))).resolves.toBeTruthy();
    expect((await listPointRules(ctx)).items).toHaveLength(1);
  });

  it("validates each field and the daily cap against the base points", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const cases: [Partial<PointRuleCreateInput>, string][] = [
      [{ basePoints: 0 }, "basePoints"],
      [{ basePoints: 10_001 }, "basePoints"],
      [{ basePoints: 2.5 }, "basePoints"],
      [{ influenceFactor: 11 }, "influenceFactor"],
      [{ influenceFactor: -1 }, "influenceFactor"],
      [{ maxMultiplier: 0.5 }, "maxMultiplier"],
      [{ maxMultiplier: 21 }, "maxMultiplier"],
      [{ dailyCap: 0 }, "dailyCap"],
      [{ dailyCap: 1_000_001 }, "dailyCap"],
      [{ dailyCap: 5 }, "dailyCap"], // below basePoints 10
      [{ minSentiment: 1.5 }, "minSentiment"],
      [{ minSentiment: -2 }, "minSentiment"],
      [{ name: "   " }, "name"],
      [{ network: "FACEBOOK" as never }, "network"],
      [{ action: "LIKE" as never }, "action"],
    ];
    for (const [overrides, path] of cases) {
      const error = await failure(createPointRule(ctx, tweetRule(overrides)));
      expect(error.code, JSON.stringify(overrides)).toBe("VALIDATION_FAILED");
      expect(
        error.issues.map((i) => i.path),
        JSON.stringify(overrides),
      ).toContain(path);
    }
    expect((await failure(createPointRule(ctx, { ...tweetRule(), tenantId: "ten_x" } as never))).code).toBe("VALIDATION_FAILED");
    expect((await listPointRules(ctx)).items).toHaveLength(0);
  });

  it("answers CONFLICT with a field error for a duplicate name in the same network and action only", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const first = await createPointRule(ctx, tweetRule());
    const dup = await failure(createPointRule(ctx, tweetRule({ basePoints: 99 })));
    expect(dup.code).toBe("CONFLICT");
    expect(dup.issues).toEqual([{ path: "name", message: expect.stringMatching(/already has this name/) }]);
    // same name, other action or network: fine
    await expect(createPointRule(ctx, tweetRule({ action: "SHARE" }))).resolves.toBeTruthy();
    await expect(createPointRule(ctx, tweetRule({ network: "FOURSQUARE" }))).resolves.toBeTruthy();
    // renaming another rule onto the taken name is a conflict too
    const other = await createPointRule(ctx, tweetRule({ name: "Second" }));
    const rename = await failure(updatePointRule(ctx, other.id, { name: "Tweet mention" }));
    expect(rename.code).toBe("CONFLICT");
    expect((await getPointRuleOrThrow(ctx, other.id)).name).toBe("Second");
    // another tenant may use the name
    const b = await createTenantWithMember("ADMIN");
    await expect(createPointRule(b.ctx, tweetRule())).resolves.toMatchObject({ name: first.name });
  });

  it("updates a rule, validating the rule as it would become, with before/after in the audit log", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const rule = await createPointRule(ctx, tweetRule({ basePoints: 10, dailyCap: 50 }));
    // basePoints 60 alone is valid, but not with the stored daily cap of 50
    const error = await failure(updatePointRule(ctx, rule.id, { basePoints: 60 }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.issues.map((i) => i.path)).toContain("dailyCap");
    // 5,000 base × the stored max 3 is fine; raising max to 20 afterwards is not
    const updated = await updatePointRule(ctx, rule.id, { basePoints: 6_000, dailyCap: null, minSentiment: 0.1 });
    expect(updated).toMatchObject({ basePoints: 6_000, dailyCap: null, minSentiment: 0.1, network: "TWITTER", action: "MENTION" });
    const absurd = await failure(updatePointRule(ctx, rule.id, { maxMultiplier: 20 }));
    expect(absurd.issues.map((i) => i.path)).toEqual(expect.arrayContaining(["basePoints", "maxMultiplier"]));
    expect((await getPointRuleOrThrow(ctx, rule.id)).maxMultiplier).toBe(3);
    // network and action are fixed
    expect((await failure(updatePointRule(ctx, rule.id, { network: "FOURSQUARE" } as never))).code).toBe("VALIDATION_FAILED");

    const audit = await auditOf(ctx, rule.id);
    expect(audit.map((a) => a.action)).toEqual(["point_rule.created", "point_rule.updated"]);
    expect(audit[1]?.data).toMatchObject({
      changed: ["basePoints", "dailyCap", "minSentiment"],
      before: { basePoints: 10, dailyCap: 50, minSentiment: null },
      after: { basePoints: 6_000, dailyCap: null, minSentiment: 0.1 },
    });
  });

  it("enables and disables, audited as such; the scorer only sees enabled rules; a no-op writes nothing", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const rule = await createPointRule(ctx, tweetRule());
    await createPointRule(ctx, tweetRule({ name: "Bonus" }));
    // What ingest scores with (scoring-inputs.ts), not a listing made for the test.
    const scored = async () => (await loadRules(getDb(), ctx, "TWITTER", "MENTION")).map((r) => r.name);
    expect(await scored()).toEqual(["Bonus", "Tweet mention"]);

    expect((await setPointRuleEnabled(ctx, rule.id, false)).enabled).toBe(false);
    expect(await scored()).toEqual(["Bonus"]);
    await setPointRuleEnabled(ctx, rule.id, false); // already disabled: nothing to record
    await setPointRuleEnabled(ctx, rule.id, true);
    const audit = await auditOf(ctx, rule.id);
    expect(audit.map((a) => a.action)).toEqual(["point_rule.created", "point_rule.disabled", "point_rule.enabled"]);
    expect(audit[1]?.data).toMatchObject({ changed: ["enabled"], before: { enabled: true }, after: { enabled: false } });
  });

  it("enforces roles: viewers and marketers read, only admins and owners write", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const viewer = await addMember(ctx, "VIEWER");
    const marketer = await addMember(ctx, "MARKETER");
    const rule = await createPointRule(ctx, tweetRule());
    await expect(listPointRules(viewer.ctx)).resolves.toMatchObject({ items: [{ id: rule.id }] });
    await expect(getPointRuleOrThrow(marketer.ctx, rule.id)).resolves.toMatchObject({ id: rule.id });
    for (const member of [viewer, marketer]) {
      expect((await failure(createPointRule(member.ctx, tweetRule({ name: "Nope" })))).code).toBe("FORBIDDEN");
      expect((await failure(updatePointRule(member.ctx, rule.id, { basePoints: 99 }))).code).toBe("FORBIDDEN");
      expect((await failure(setPointRuleEnabled(member.ctx, rule.id, false))).code).toBe("FORBIDDEN");
    }
    expect(await getPointRuleOrThrow(ctx, rule.id)).toMatchObject({ basePoints: 10, enabled: true });
    expect((await auditOf(ctx, rule.id)).map((a) => a.action)).toEqual(["point_rule.created"]);
  });

  it("answers NOT_FOUND for another tenant's rule on read, update and toggle, and changes nothing", async () => {
    const a = await createTenantWithMember("OWNER");
    const b = await createTenantWithMember("OWNER");
    const theirs = await createPointRule(b.ctx, tweetRule());
    expect((await failure(getPointRuleOrThrow(a.ctx, theirs.id))).code).toBe("NOT_FOUND");
    expect((await failure(updatePointRule(a.ctx, theirs.id, { basePoints: 1 }))).code).toBe("NOT_FOUND");
    expect((await failure(setPointRuleEnabled(a.ctx, theirs.id, false))).code).toBe("NOT_FOUND");
    expect((await failure(getPointRuleOrThrow(a.ctx, "rule_not-an-id"))).code).toBe("NOT_FOUND");
    expect((await listPointRules(a.ctx)).items).toEqual([]);
    expect(await getPointRuleOrThrow(b.ctx, theirs.id)).toMatchObject({ basePoints: 10, enabled: true });
  });
});
