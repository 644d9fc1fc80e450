// The role matrix for the prospects screen's server actions, each called through its real guard
// (tenantAction: session → membership → permission → zod → service) by every staff role. Both
// write (an invitation record, a customer), so they need customers:write: viewers are refused
// and a refused attempt changes no row.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "../../src/server/db/generated/enums";
import type { SessionUser } from "../../src/server/http/session";
import { prospectMention } from "../integration/prospects/prospect-kit";
import { addMember, createTenantWithMember } from "../integration/support/factories";
import { snapshotTenant } from "./support/tenant-snapshot";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("../../src/server/http/session", async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  getSessionUser: async () => session.user,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const actions = await import("../../src/app/t/[tenant]/prospects/actions");

const ROLES: Role[] = ["VIEWER", "MARKETER", "ADMIN", "OWNER"];
const MATRIX: { name: keyof typeof actions; fields: (author: string) => Record<string, string> }[] = [
  { name: "inviteProspectAction", fields: (author) => ({ network: "TWITTER", authorExternalId: author, text: "Join us: /r/brand" }) },
  { name: "markProspectCustomerAction", fields: (author) => ({ network: "TWITTER", authorExternalId: author }) },
];

let owner: Awaited<ReturnType<typeof createTenantWithMember>>;
const users = new Map<Role, SessionUser>();
let seq = 0;

beforeAll(async () => {
  owner = await createTenantWithMember("OWNER", "Prospects role brand");
  users.set("OWNER", { id: owner.user.id, email: owner.user.email, name: "" });
  for (const role of ["VIEWER", "MARKETER", "ADMIN"] as const) {
    const member = await addMember(owner.ctx, role);
    users.set(role, { id: member.user.id, email: member.user.email, name: "" });
  }
});

function formOf(fields: Record<string, string>): FormData {
  const form = new FormData();
  form.set("tenant", owner.tenant.slug);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
}

describe("prospects actions by role", () => {
  for (const entry of MATRIX) {
    for (const role of ROLES) {
      const allowed = role !== "VIEWER";
      it(`${entry.name}: ${role.toLowerCase()} is ${allowed ? "allowed" : "refused"}`, async () => {
        const author = `role-author-${++seq}`;
        await prospectMention(owner.ctx, { id: author, handle: author, followers: 10 });
        session.user = users.get(role)!;
        const before = await snapshotTenant(process.env.DATABASE_URL!, owner.tenant.id);
        // markProspectCustomerAction answers with a redirect to the new customer (thrown, as Next does).
        const outcome = await actions[entry.name]({ status: "idle" }, formOf(entry.fields(author))).catch((e: unknown) => ({ redirected: String(e) }));
        const after = await snapshotTenant(process.env.DATABASE_URL!, owner.tenant.id);
        if (allowed) {
          expect(outcome).not.toMatchObject({ status: "error" });
          expect(after).not.toEqual(before);
        } else {
          expect(outcome).toMatchObject({ status: "error", message: expect.stringMatching(/^your role \(\w+\) cannot /) });
          expect(after).toEqual(before);
        }
      });
    }
  }
});
