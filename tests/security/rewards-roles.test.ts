// The role matrix for the reward screens' server actions: each is called through its real guard
// (tenantAction: session → membership → permission → zod → service) by every staff role of the
// brand that owns the objects. Viewers change nothing; marketers run the catalogue and fulfil, but
// cancelling (which gives points back) needs ledger:adjust, so admins and owners only. A refused
// attempt leaves the tenant's rows as they were.
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

// Outside a Next request there is no cache to revalidate; an allowed action reaches this call only
// after every guard passed and its service committed.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const actions = await import("../../src/app/t/[tenant]/rewards/actions");
const { adjustPoints } = await import("../../src/server/modules/ledger/adjust-points");
const { createReward } = await import("../../src/server/modules/rewards/reward.service");
const { redeemReward } = await import("../../src/server/modules/rewards/redeem-reward");

type Fields = Record<string, string>;

/** Which roles each action lets through; everyone else gets FORBIDDEN. */
const MATRIX: { name: keyof typeof actions; allowed: Role[]; fields: (ids: { reward: string; redemption: string }) => Fields }[] = [
  {
    name: "createRewardAction",
    allowed: ["MARKETER", "ADMIN", "OWNER"],
    fields: (ids) => ({ name: `New ${ids.reward}`, cost: "5", fulfilment: "MANUAL", active: "on" }),
  },
  {
    name: "updateRewardAction",
    allowed: ["MARKETER", "ADMIN", "OWNER"],
    fields: (ids) => ({ id: ids.reward, name: `Renamed ${ids.reward}`, cost: "7", fulfilment: "CODE_POOL", active: "on" }),
  },
  { name: "uploadRewardCodesAction", allowed: ["MARKETER", "ADMIN", "OWNER"], fields: (ids) => ({ id: ids.reward, codes: "X-1" }) },
  { name: "archiveRewardAction", allowed: ["MARKETER", "ADMIN", "OWNER"], fields: (ids) => ({ id: ids.reward }) },
  { name: "fulfilRedemptionAction", allowed: ["MARKETER", "ADMIN", "OWNER"], fields: (ids) => ({ id: ids.redemption }) },
  { name: "cancelRedemptionAction", allowed: ["ADMIN", "OWNER"], fields: (ids) => ({ id: ids.redemption, reason: "role matrix" }) },
];
const ROLES: Role[] = ["VIEWER", "MARKETER", "ADMIN", "OWNER"];

let owner: Awaited<ReturnType<typeof createTenantWithMember>>;
const users = new Map<Role, SessionUser>();

beforeAll(async () => {
  owner = await createTenantWithMember("OWNER", "Role brand");
  users.set("OWNER", { id: owner.user.id, email: owner.user.email, name: "" });
  for (const role of ["VIEWER", "MARKETER", "ADMIN"] as const) {
    const member = await addMember(owner.ctx, role);
    users.set(role, { id: member.user.id, email: member.user.email, name: "" });
  }
});

/** A fresh pending redemption of a fresh reward, so each allowed call has something to act on. */
async function freshObjects(label: string) {
  const customer = await makeCustomer(owner.ctx);
  await adjustPoints(owner.ctx, { customerId: customer.id, amount: 100, reason: "seed", idempotencyKey: `seed-${label}` });
  const reward = await createReward(owner.ctx, { name: `Reward ${label}`, cost: 10, fulfilment: "CODE_POOL" });
  const manual = await createReward(owner.ctx, { name: `Manual ${label}`, cost: 10 });
  const { redemption } = await redeemReward(owner.ctx, { customerId: customer.id, rewardId: manual.id, idempotencyKey: `r-${label}` });
  return { reward: reward.id, redemption: redemption.id };
}

function formOf(fields: Fields): FormData {
  const form = new FormData();
  form.set("tenant", owner.tenant.slug);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
}

describe("reward actions by role", () => {
  for (const entry of MATRIX) {
    for (const role of ROLES) {
      const allowed = entry.allowed.includes(role);
      it(`${entry.name}: ${role.toLowerCase()} is ${allowed ? "allowed" : "refused"}`, async () => {
        const ids = await freshObjects(`${entry.name}-${role}`);
        session.user = users.get(role)!;
        const before = await snapshotTenant(process.env.DATABASE_URL!, owner.tenant.id);
        const state = await actions[entry.name]({ status: "idle" }, formOf(entry.fields(ids))).catch((error: unknown) => {
          // A success that redirects throws Next's redirect signal: it got past every guard.
          if (error instanceof Error && /NEXT_REDIRECT/.test(error.message + String((error as { digest?: string }).digest))) return { status: "ok" } as const;
          throw error;
        });
        if (allowed) {
          expect(state.status, JSON.stringify(state)).toBe("ok");
        } else {
          expect(state).toMatchObject({ status: "error", message: expect.stringMatching(/^your role \(\w+\) cannot /) });
          expect(await snapshotTenant(process.env.DATABASE_URL!, owner.tenant.id)).toEqual(before);
        }
      });
    }
  }
});
