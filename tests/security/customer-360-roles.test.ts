// The role matrix for the customer 360's server actions, each called through its real guard
// (tenantAction: session → membership → permission → zod → service) by every staff role of the
// brand that owns the customer. A manual adjustment needs ledger:adjust (admins and owners);
// unlinking on the customer's behalf needs customers:write (marketers up); merging into another
// customer needs customers:delete and ledger:adjust (admins and owners); saving the customers
// list's filters as a segment needs customers:write, as any segment does (marketers up). A refused attempt leaves
// the tenant's rows as they were.
import { randomUUID } from "node:crypto";
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
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const actions = await import("../../src/app/t/[tenant]/customers/actions");
const { unsafeCrossTenantDb } = await import("../../src/server/db/client");

type Fields = Record<string, string>;
const ROLES: Role[] = ["VIEWER", "MARKETER", "ADMIN", "OWNER"];

let owner: Awaited<ReturnType<typeof createTenantWithMember>>;
const users = new Map<Role, SessionUser>();

beforeAll(async () => {
  owner = await createTenantWithMember("OWNER", "360 role brand");
  users.set("OWNER", { id: owner.user.id, email: owner.user.email, name: "" });
  for (const role of ["VIEWER", "MARKETER", "ADMIN"] as const) {
    const member = await addMember(owner.ctx, role);
    users.set(role, { id: member.user.id, email: member.user.email, name: "" });
  }
});

/** A fresh customer with a linked X account, so each allowed call has something to act on. */
async function freshCustomer() {
  const customer = await makeCustomer(owner.ctx);
  const profile = await unsafeCrossTenantDb().socialProfile.create({
    data: { tenantId: owner.tenant.id, customerId: customer.id, network: "TWITTER", externalUserId: randomUUID(), handle: "rolefan", linkedAt: new Date() },
  });
  const survivor = await makeCustomer(owner.ctx);
  return { customer: customer.id, profile: profile.id, survivor: survivor.id };
}

const MATRIX: {
  name: "adjustCustomerPointsAction" | "unlinkCustomerAccountAction" | "mergeCustomerAction" | "saveFiltersAsSegmentAction";
  allowed: Role[];
  fields: (ids: { customer: string; profile: string; survivor: string }) => Fields;
}[] = [
  {
    name: "adjustCustomerPointsAction",
    allowed: ["ADMIN", "OWNER"],
    fields: (ids) => ({ customerId: ids.customer, amount: "25", reason: "role matrix", idempotencyKey: randomUUID() }),
  },
  { name: "unlinkCustomerAccountAction", allowed: ["MARKETER", "ADMIN", "OWNER"], fields: (ids) => ({ customerId: ids.customer, profileId: ids.profile }) },
  { name: "mergeCustomerAction", allowed: ["ADMIN", "OWNER"], fields: (ids) => ({ customerId: ids.customer, survivorId: ids.survivor }) },
  {
    name: "saveFiltersAsSegmentAction",
    allowed: ["MARKETER", "ADMIN", "OWNER"],
    fields: (ids) => ({ name: `From the list ${ids.customer}`, minFollowers: "1000", minPoints: "5" }),
  },
];

function formOf(fields: Fields): FormData {
  const form = new FormData();
  form.set("tenant", owner.tenant.slug);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
}

describe("customer 360 actions by role", () => {
  for (const entry of MATRIX) {
    for (const role of ROLES) {
      const allowed = entry.allowed.includes(role);
      it(`${entry.name}: ${role.toLowerCase()} is ${allowed ? "allowed" : "refused"}`, async () => {
        const ids = await freshCustomer();
        session.user = users.get(role)!;
        const before = await snapshotTenant(process.env.DATABASE_URL!, owner.tenant.id);
        const state = await actions[entry.name]({ status: "idle" }, formOf(entry.fields(ids))).catch((error: unknown) => {
          // A success that redirects throws Next's redirect signal: it got past every guard.
          if (error instanceof Error && /NEXT_REDIRECT/.test(error.message + String((error as { digest?: string }).digest))) return { status: "ok" } as const;
          throw error;
        });
        if (allowed) {
          expect(state.status, JSON.stringify(state)).toBe("ok");
          const db = unsafeCrossTenantDb();
          if (entry.name === "adjustCustomerPointsAction") {
            expect(await db.pointBalance.findFirst({ where: { tenantId: owner.tenant.id, customerId: ids.customer }, select: { balance: true } })).toEqual({
              balance: 25,
            });
            const audit = await db.auditLog.findFirstOrThrow({ where: { tenantId: owner.tenant.id, action: "ledger.adjusted", targetId: ids.customer } });
            expect(audit.actorId).toBe(users.get(role)!.id);
          } else if (entry.name === "saveFiltersAsSegmentAction") {
            const segment = await db.segment.findFirst({
              where: { tenantId: owner.tenant.id, name: `From the list ${ids.customer}` },
              select: { filter: true },
            });
            expect(segment?.filter).toMatchObject({ minFollowers: 1000, minPoints: 5 });
          } else if (entry.name === "mergeCustomerAction") {
            expect(await db.customer.findFirst({ where: { tenantId: owner.tenant.id, id: ids.customer }, select: { mergedIntoId: true } })).toEqual({
              mergedIntoId: ids.survivor,
            });
          } else {
            expect(
              await db.socialProfile.findFirst({ where: { tenantId: owner.tenant.id, id: ids.profile }, select: { status: true, customerId: true } }),
            ).toEqual({
              status: "REVOKED",
              customerId: null,
            });
          }
        } else {
          expect(state).toMatchObject({ status: "error", message: expect.stringMatching(/^your role \(\w+\) cannot /) });
          expect(await snapshotTenant(process.env.DATABASE_URL!, owner.tenant.id)).toEqual(before);
        }
      });
    }
  }

  it("an adjustment without a reason or with a non-number is refused on its field, and nothing is posted", async () => {
    const ids = await freshCustomer();
    session.user = users.get("OWNER")!;
    const before = await snapshotTenant(process.env.DATABASE_URL!, owner.tenant.id);
    const noReason = await actions.adjustCustomerPointsAction(
      { status: "idle" },
      formOf({ customerId: ids.customer, amount: "10", reason: "", idempotencyKey: "k1" }),
    );
    expect(noReason).toMatchObject({ status: "error", fieldErrors: { reason: expect.stringMatching(/say why/) } });
    const notNumber = await actions.adjustCustomerPointsAction(
      { status: "idle" },
      formOf({ customerId: ids.customer, amount: "ten", reason: "valid reason", idempotencyKey: "k2" }),
    );
    expect(notNumber).toMatchObject({ status: "error", fieldErrors: { amount: expect.any(String) } });
    expect(await snapshotTenant(process.env.DATABASE_URL!, owner.tenant.id)).toEqual(before);
  });
});
