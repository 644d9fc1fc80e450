import type { DbTx } from "../../db/client";
import type { Network } from "../../db/generated/enums";

export interface LinkedAuthor {
  socialProfileId: string;
  customerId: string;
}

/**
 * Which authors are customers: a social profile of this tenant and network, linked to a customer
 * (linking records consent), not revoked, and the customer not erased. One query per batch.
 */
export async function findLinkedAuthors(
  tx: DbTx,
  tenantId: string,
  network: Network,
  authorExternalIds: string[],
): Promise<Map<string, LinkedAuthor>> {
  if (authorExternalIds.length === 0) return new Map();
  const rows = await tx.socialProfile.findMany({
    where: {
      tenantId,
      network,
      externalUserId: { in: [...new Set(authorExternalIds)] },
      customerId: { not: null },
      status: { not: "REVOKED" },
      customer: { tenantId, erasedAt: null, mergedIntoId: null },
    },
    select: { id: true, externalUserId: true, customerId: true },
  });
  return new Map(rows.map((r) => [r.externalUserId, { socialProfileId: r.id, customerId: r.customerId! }]));
}
