// The role matrix for the mention inbox's server actions, each called through its real guard
// (tenantAction: session → membership → permission → zod → service) by every staff role of the
// brand. Viewers read only; marketers triage, disqualify, assign, write notes and tag a selection or
// all matching mentions; a bonus moves the ledger, so it needs ledger:adjust (admins and owners). A
// refused attempt changes no row.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "../../src/server/db/generated/enums";
import type { SessionUser } from "../../src/server/http/session";
import { payMention, seedMention } from "../integration/inbox/inbox-kit";
import { addMember, createTenantWithMember, makeCustomer } from "../integration/support/factories";
import { snapshotTenant } from "./support/tenant-snapshot";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("../../src/server/http/session", async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  getSessionUser: async () => session.user,
}));
// Outside a Next request there is no cache to revalidate.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const actions = await import("../../src/app/t/[tenant]/inbox/actions");
const { getDb } = await import("../../src/server/db/client");

type Fields = Record<string, string>;
interface Ids {
  mention: string;
  member: string;
}

const MATRIX: { name: keyof typeof actions; allowed: Role[]; fields: (ids: Ids) => Fields }[] = [
  { name: "triageMentionsAction", allowed: ["MARKETER", "ADMIN", "OWNER"], fields: (ids) => ({ mentionIds: ids.mention, status: "in_progress" }) },
  {
    name: "triageMentionsAction",
    allowed: ["MARKETER", "ADMIN", "OWNER"],
    fields: (ids) => ({ mentionIds: ids.mention, status: "disqualified", reason: "role matrix" }),
  },
  { name: "assignMentionAction", allowed: ["MARKETER", "ADMIN", "OWNER"], fields: (ids) => ({ mentionId: ids.mention, assigneeId: ids.member }) },
  { name: "addMentionNoteAction", allowed: ["MARKETER", "ADMIN", "OWNER"], fields: (ids) => ({ mentionId: ids.mention, body: "role matrix" }) },
  { name: "selectionAction", allowed: ["MARKETER", "ADMIN", "OWNER"], fields: (ids) => ({ mentionIds: ids.mention, tag: "role matrix", op: "add" }) },
  { name: "selectionAction", allowed: ["MARKETER", "ADMIN", "OWNER"], fields: (ids) => ({ mentionIds: ids.mention, status: "done" }) },
  { name: "tagMatchingAction", allowed: ["MARKETER", "ADMIN", "OWNER"], fields: () => ({ filters: "{}", tag: "role matrix", op: "add" }) },
  {
    name: "awardMentionBonusAction",
    allowed: ["ADMIN", "OWNER"],
    fields: (ids) => ({ mentionId: ids.mention, amount: "5", reason: "role matrix", idempotencyKey: `k-${ids.mention}` }),
  },
];
const ROLES: Role[] = ["VIEWER", "MARKETER", "ADMIN", "OWNER"];

let owner: Awaited<ReturnType<typeof createTenantWithMember>>;
const users = new Map<Role, SessionUser>();

beforeAll(async () => {
  owner = await createTenantWithMember("OWNER", "Inbox role brand");
  users.set("OWNER", { id: owner.user.id, email: owner.user.email, name: "" });
  for (const role of ["VIEWER", "MARKETER", "ADMIN"] as const) {
    const member = await addMember(owner.ctx, role);
    users.set(role, { id: member.user.id, email: member.user.email, name: "" });
  }
});

/** A fresh paid mention of a customer, so each allowed call has something to change. */
async function freshIds(): Promise<Ids> {
  const customer = await makeCustomer(owner.ctx);
  const mention = await seedMention(owner.ctx, { customerId: customer.id });
  await payMention(owner.ctx, mention, 10);
  const member = await getDb().membership.findFirstOrThrow({ where: { tenantId: owner.ctx.tenantId, userId: owner.user.id } });
  return { mention: mention.id, member: member.id };
}

function formOf(fields: Fields): FormData {
  const form = new FormData();
  form.set("tenant", owner.tenant.slug);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
}

describe("inbox actions by role", () => {
  MATRIX.forEach((entry, index) => {
    for (const role of ROLES) {
      const allowed = entry.allowed.includes(role);
      it(`${entry.name} #${index}: ${role.toLowerCase()} is ${allowed ? "allowed" : "refused"}`, async () => {
        const ids = await freshIds();
        session.user = users.get(role)!;
        const before = await snapshotTenant(process.env.DATABASE_URL!, owner.tenant.id);
        const state = await actions[entry.name]({ status: "idle" }, formOf(entry.fields(ids)));
        if (allowed) {
          expect(state.status, JSON.stringify(state)).toBe("ok");
          expect(await snapshotTenant(process.env.DATABASE_URL!, owner.tenant.id)).not.toEqual(before);
        } else {
          expect(state).toMatchObject({ status: "error", message: expect.stringMatching(/^your role \(\w+\) cannot /) });
          expect(await snapshotTenant(process.env.DATABASE_URL!, owner.tenant.id)).toEqual(before);
        }
      });
    }
  });
});
