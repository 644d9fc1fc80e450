// Brand stage rules against real Postgres and a real worker: who moves where, the history rows,
// idempotent re-runs, the manual hold, prospects left alone, brands apart, and the save → job path.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { enqueue } from "../../../src/server/jobs/queues";
import { applyStageRules } from "../../../src/server/modules/advocates/apply-stage-rules";
import { listStageChanges } from "../../../src/server/modules/advocates/stage-history";
import { getStageRules, saveStageRules } from "../../../src/server/modules/advocates/stage-rules";
import { DEFAULT_STAGE_RULES } from "../../../src/server/modules/advocates/stage-rule.schemas";
import { updateCustomer } from "../../../src/server/modules/customers/customer.service";
import { startWorkers, type RunningWorkers } from "../../../src/workers/start-workers";
import { addMember, createTenantWithMember, makeCustomer } from "../support/factories";
import { waitFor } from "../support/wait-for";
import { DAY, earn, mention, stageOf } from "./advocate-fixtures";

const RULES = { ...DEFAULT_STAGE_RULES, advocateMinPositiveMentions: 2, advocateWindowDays: 30, loyalMinPoints: 100, loyalWindowDays: 90 };

/** Saved without the job the save enqueues running: these tests call applyStageRules themselves. */
async function saveRules(ctx: TenantContext, rules = RULES) {
  await getDb().stageRuleSet.upsert({ where: { tenantId: ctx.tenantId }, create: { tenantId: ctx.tenantId, ...rules }, update: rules });
}

async function historyCount(ctx: TenantContext) {
  return getDb().stageChange.count({ where: { tenantId: ctx.tenantId } });
}

describe("applying stage rules", () => {
  it("promotes and demotes rule-driven customers and writes one history row per move, once", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    await saveRules(ctx);
    const fan = await makeCustomer(ctx, { displayName: "Fan" });
    const notPromoter = await makeCustomer(ctx, { displayName: "Fan without NPS" });
    const spender = await makeCustomer(ctx, { displayName: "Earns points" });
    const lapsed = await makeCustomer(ctx, { displayName: "Lapsed advocate", lifecycleStage: "ADVOCATE" });
    const prospect = await makeCustomer(ctx, { displayName: "Prospect", lifecycleStage: "PROSPECT" });
    for (const id of [fan.id, notPromoter.id, prospect.id]) {
      await mention(ctx, id, { label: "PROMOTER" });
      await mention(ctx, id, { label: "PROMOTER" });
    }
    await mention(ctx, lapsed.id, { label: "PROMOTER", postedAt: new Date(Date.now() - 40 * DAY) }); // outside the 30 days
    await mention(ctx, lapsed.id, { label: "PROMOTER", status: "DISQUALIFIED" });
    await mention(ctx, lapsed.id, { label: "PROMOTER" });
    await getDb().customer.updateMany({ where: { tenantId: ctx.tenantId, id: { in: [fan.id, prospect.id, lapsed.id] } }, data: { npsClass: "PROMOTER" } });
    await earn(ctx, spender.id, 100);
    await earn(ctx, notPromoter.id, 150);
    await earn(ctx, prospect.id, 500);

    expect(await applyStageRules(ctx)).toEqual({ moved: 4 });
    expect(await stageOf(ctx, fan.id)).toBe("ADVOCATE");
    expect(await stageOf(ctx, notPromoter.id)).toBe("LOYAL");
    expect(await stageOf(ctx, spender.id)).toBe("LOYAL");
    expect(await stageOf(ctx, lapsed.id)).toBe("CUSTOMER");
    expect(await stageOf(ctx, prospect.id)).toBe("PROSPECT");
    const [fanMove] = await listStageChanges(ctx, fan.id);
    expect(fanMove).toMatchObject({ fromStage: "CUSTOMER", toStage: "ADVOCATE", source: "RULE", rule: "advocate" });
    expect((await listStageChanges(ctx, lapsed.id))[0]).toMatchObject({ fromStage: "ADVOCATE", toStage: "CUSTOMER", rule: "customer" });

    expect(await applyStageRules(ctx)).toEqual({ moved: 0 });
    expect(await historyCount(ctx)).toBe(4);
  });

  it("overlapping runs move each customer once", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    await saveRules(ctx);
    const ids = [];
    for (let i = 0; i < 20; i++) {
      const c = await makeCustomer(ctx);
      await earn(ctx, c.id, 100);
      ids.push(c.id);
    }
    const runs = await Promise.all([applyStageRules(ctx), applyStageRules(ctx), applyStageRules(ctx)]);
    expect(runs.reduce((sum, r) => sum + r.moved, 0)).toBe(20);
    expect(await historyCount(ctx)).toBe(20);
  });

  it("leaves a customer whose stage a person set in the last 90 days where they put them", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    await saveRules(ctx);
    const vip = await makeCustomer(ctx, { displayName: "Hand-picked" });
    await updateCustomer(ctx, vip.id, { lifecycleStage: "ADVOCATE" });
    expect(await listStageChanges(ctx, vip.id)).toMatchObject([{ fromStage: "CUSTOMER", toStage: "ADVOCATE", source: "MANUAL", rule: null }]);
    expect(await applyStageRules(ctx)).toEqual({ moved: 0 });
    expect(await stageOf(ctx, vip.id)).toBe("ADVOCATE");

    // 91 days later the hold has lapsed and the rules apply again.
    expect(await applyStageRules(ctx, new Date(Date.now() + 91 * DAY))).toEqual({ moved: 1 });
    expect(await stageOf(ctx, vip.id)).toBe("CUSTOMER");
  });

  it("does nothing without saved rules or with rules switched off", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const c = await makeCustomer(ctx);
    await earn(ctx, c.id, 1_000);
    expect(await applyStageRules(ctx)).toEqual({ moved: 0 });
    await saveRules(ctx, { ...RULES, enabled: false });
    expect(await applyStageRules(ctx)).toEqual({ moved: 0 });
    expect(await stageOf(ctx, c.id)).toBe("CUSTOMER");
  });

  it("touches one brand only: another brand's customers and rules are apart", async () => {
    const mine = await createTenantWithMember("OWNER");
    const other = await createTenantWithMember("OWNER");
    await saveRules(mine.ctx);
    await saveRules(other.ctx, { ...RULES, loyalMinPoints: 10 });
    const theirs = await makeCustomer(other.ctx);
    await earn(other.ctx, theirs.id, 50);
    expect(await applyStageRules(mine.ctx)).toEqual({ moved: 0 });
    expect(await stageOf(other.ctx, theirs.id)).toBe("CUSTOMER");
    expect(await listStageChanges(mine.ctx, theirs.id)).toEqual([]);
    expect(await applyStageRules(other.ctx)).toEqual({ moved: 1 });
  });
});

describe("saving stage rules", () => {
  it("shows defaults until saved; a viewer may read but not save; bad values are refused", async () => {
    const { ctx } = await createTenantWithMember("OWNER");
    const viewer = await addMember(ctx, "VIEWER");
    const marketer = await addMember(ctx, "MARKETER");
    expect(await getStageRules(viewer.ctx)).toEqual({ rules: DEFAULT_STAGE_RULES, saved: false, updatedAt: null });
    await expect(saveStageRules(viewer.ctx, RULES)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveStageRules(marketer.ctx, RULES)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveStageRules(ctx, { ...RULES, advocateWindowDays: 0 })).rejects.toThrow(/at least 1/);
    await expect(saveStageRules(ctx, { ...RULES, loyalMinPoints: 1.5 })).rejects.toThrow(/whole number/);
    expect((await getStageRules(viewer.ctx)).saved).toBe(false);
  });

  describe("with a worker", () => {
    let workers: RunningWorkers;
    beforeAll(() => {
      workers = startWorkers({ concurrency: 2 });
    });
    afterAll(() => workers.close());

    it("a save runs the rules through the job; the hourly tick fans out to brands with rules on", async () => {
      const { ctx } = await createTenantWithMember("OWNER");
      const c = await makeCustomer(ctx);
      await earn(ctx, c.id, 100);
      await saveStageRules(ctx, RULES);
      await waitFor(async () => (await stageOf(ctx, c.id)) === "LOYAL", "the stage-rules job");
      expect(await listStageChanges(ctx, c.id)).toMatchObject([{ toStage: "LOYAL", source: "RULE", rule: "loyal" }]);

      const later = await makeCustomer(ctx);
      await earn(ctx, later.id, 100);
      await enqueue("advocates.schedule-stage-rules", {});
      await waitFor(async () => (await stageOf(ctx, later.id)) === "LOYAL", "the stage-rules job");
      expect(await historyCount(ctx)).toBe(2);
    });
  });
});
