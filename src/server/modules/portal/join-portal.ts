import type { TenantScope } from "../../auth/tenant-context";
import { hashEmailedToken } from "../../crypto/emailed-token";
import { getDb } from "../../db/client";
import { isUniqueViolation } from "../../db/prisma-errors";
import { AppError } from "../../errors";
import { writeAudit } from "../audit/audit.service";
import { startCustomerSession, type IssuedSession } from "./customer-sessions";
import { findSignedInCustomer } from "./find-signed-in-customer";
import { ZJoinPortal, ZPortalToken, type JoinPortalInput } from "./portal.schemas";
import { PROGRAM_CONSENT_SCOPE, PROGRAM_TERMS_VERSION } from "./program-terms";

/** How long after verifying an address its join page stays open. */
export const JOIN_TTL_MS = 30 * 60 * 1000;

const JOIN_GONE = () => new AppError("NOT_FOUND", "this sign-up has expired; ask for a new sign-in email");

/** The verified address a join token stands for, or null (the page then asks for a new email). */
export async function pendingJoinEmail(scope: TenantScope, joinToken: string, now: Date = new Date()): Promise<string | null> {
  if (!ZPortalToken.safeParse(joinToken).success) return null;
  const row = await getDb().customerSignIn.findUnique({
    where: { tenantId_joinTokenHash: { tenantId: scope.tenantId, joinTokenHash: hashEmailedToken(joinToken) } },
    select: { email: true, usedAt: true },
  });
  return row?.usedAt && now.getTime() - row.usedAt.getTime() <= JOIN_TTL_MS ? row.email : null;
}

/**
 * First sign-in of a new address: creates the customer with the verified email, records that the
 * program terms (this version) were accepted, and signs them in. The join token is spent in the
 * same transaction. If the address became a customer meanwhile (a second tab, staff adding them),
 * that customer is signed in instead of a duplicate being made.
 */
export async function joinPortal(
  scope: TenantScope,
  joinToken: string,
  raw: JoinPortalInput,
  source: { ip: string },
  now: Date = new Date(),
): Promise<IssuedSession> {
  const input = ZJoinPortal.parse(raw);
  if (!ZPortalToken.safeParse(joinToken).success) throw JOIN_GONE();
  const { tenantId } = scope;
  try {
    return await getDb().$transaction(async (tx) => {
      const joinTokenHash = hashEmailedToken(joinToken);
      const row = await tx.customerSignIn.findUnique({
        where: { tenantId_joinTokenHash: { tenantId, joinTokenHash } },
        select: { id: true, email: true, usedAt: true },
      });
      if (!row?.usedAt || now.getTime() - row.usedAt.getTime() > JOIN_TTL_MS) throw JOIN_GONE();
      const { count } = await tx.customerSignIn.updateMany({ where: { tenantId, id: row.id, joinTokenHash }, data: { joinTokenHash: null } });
      if (count !== 1) throw JOIN_GONE();

      const existing = await findSignedInCustomer(tx, scope, row.email);
      if (existing) return startCustomerSession(tx, scope, existing, now);

      const customer = await tx.customer.create({
        data: { tenantId, displayName: input.displayName, emails: { create: [{ email: row.email, isPrimary: true }] } },
        select: { id: true },
      });
      await tx.consentRecord.create({
        data: {
          tenantId,
          customerId: customer.id,
          scopes: [PROGRAM_CONSENT_SCOPE],
          allowPosting: false,
          policyVersion: PROGRAM_TERMS_VERSION,
          ipAddress: source.ip,
          grantedAt: now,
        },
      });
      const joined = { ...scope, actor: { type: "CUSTOMER" as const, id: customer.id } };
      await writeAudit(tx, joined, {
        action: "customer.joined_portal",
        targetType: "Customer",
        targetId: customer.id,
        data: { termsVersion: PROGRAM_TERMS_VERSION },
      });
      return startCustomerSession(tx, scope, customer.id, now);
    });
  } catch (error) {
    // Two tabs joining with the same address at once: the loser's email insert collides.
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "this address has just joined; sign in again to continue");
    throw error;
  }
}
