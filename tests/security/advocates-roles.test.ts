// The role matrix of the Advocates screen: every staff role may read the leaderboard, the funnel
// and the stage rules; only admins and owners save rules (through the real tenantAction guard),
// and a refused save leaves the brand's rows as they were.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "../../src/server/db/generated/enums";
import type { SessionUser } from "../../src/server/http/session";
import { addMember, createTenantWithMember, makeCustomer } from "../integration/support/factories";
import { snapshotTenant } from "./support/tenant-snapshot";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("../../src/server/http/session", async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  getSessionUser: async () => session.user,
}));
// Outside a Next request there is no cache to revalidate.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { saveStageRulesAction } = await import("../../src/app/t/[tenant]/advocates/actions");
const { rankAdvocates } = await import("../../src/server/modules/advocates/advocate-leaderboard");
const { lifecycleFunnel } = await import("../../src/server/modules/advocates/lifecycle-funnel");
const { getStageRules } = await import("../../src/server/modules/advocates/stage-rules");

const ROLES: Role[] = ["VIEWER", "MARKETER", "ADMIN", "OWNER"];
const ALLOWED: Role[] = ["ADMIN", "OWNER"];
let owner: Awaited<ReturnType<typeof createTenantWithMember>>;
const members = new Map<Role, { user: SessionUser; ctx: typeof owner.ctx }>();

beforeAll(async () => {
  owner = await createTenantWithMember("OWNER", "Advocates role brand");
  members.set("OWNER", { user: { id: owner.user.id, email: owner.user.email, name: "" }, ctx: owner.ctx });
  for (const role of ["VIEWER", "MARKETER", "ADMIN"] as const) {
    const member = await addMember(owner.ctx, role);
    members.set(role, { user: { id: member.user.id, email: member.user.email, name: "" }, ctx: member.ctx });
  }
  await makeCustomer(owner.ctx, { displayName: "Someone" });
});

function rulesForm(loyalMinPoints: string): FormData {
  const form = new FormData();
  form.set("tenant", owner.tenant.slug);
  for (const [k, v] of Object.entries({ enabled: "on", advocateMinPositiveMentions: "3", advocateWindowDays: "30", loyalMinPoints, loyalWindowDays: "90" })) {
    form.set(k, v);
  }
  return form;
}

describe("the Advocates screen by role", () => {
  for (const role of ROLES) {
    it(`${role.toLowerCase()} reads the leaderboard, the funnel and the rules`, async () => {
      const { ctx } = members.get(role)!;
      expect((await rankAdvocates(ctx, {})).total).toBe(1);
      expect((await lifecycleFunnel(ctx)).find((s) => s.stage === "CUSTOMER")?.count).toBe(1);
      expect((await getStageRules(ctx)).rules.advocateWindowDays).toBeGreaterThan(0);
    });

    const allowed = ALLOWED.includes(role);
    it(`saveStageRulesAction: ${role.toLowerCase()} is ${allowed ? "allowed" : "refused"}`, async () => {
      session.user = members.get(role)!.user;
      const before = await snapshotTenant(process.env.DATABASE_URL!, owner.tenant.id);
      const state = await saveStageRulesAction({ status: "idle" }, rulesForm(String(100 + ROLES.indexOf(role))));
      if (allowed) {
        expect(state.status, JSON.stringify(state)).toBe("ok");
        expect((await getStageRules(owner.ctx)).rules.loyalMinPoints).toBe(100 + ROLES.indexOf(role));
      } else {
        expect(state).toMatchObject({ status: "error", message: expect.stringMatching(/^your role \(\w+\) cannot /) });
        expect(await snapshotTenant(process.env.DATABASE_URL!, owner.tenant.id)).toEqual(before);
      }
    });
  }

  it("refuses out-of-range values field by field", async () => {
    session.user = members.get("OWNER")!.user;
    const state = await saveStageRulesAction({ status: "idle" }, rulesForm("0"));
    expect(state).toMatchObject({ status: "error", fieldErrors: { loyalMinPoints: "must be at least 1" } });
  });
});
