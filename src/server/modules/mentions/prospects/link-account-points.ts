import type { TenantContext } from "../../../auth/tenant-context";
import type { DbTx } from "../../../db/client";
import type { Network } from "../../../db/generated/enums";
import { payOneOffAction, type ActionPayout } from "../../awards/action-awards";

/**
 * Points for linking a social account (rules of action LINK_ACCOUNT), paid inside the linking
 * transaction.
 *
 * Once per account and rule, EVER: the idempotency key names the network, the account's id on
 * it and the rule — not the customer — so unlinking and linking again, or linking the same
 * account to another customer later, pays nothing more. Two links racing for one account: the
 * second waits on the ledger's unique key and then skips.
 *
 * Amount: see payOneOffAction — the account's follower count at link time, the best campaign
 * running now; no sentiment minimum or daily cap.
 */

export function linkAccountAwardKey(network: Network, externalUserId: string, ruleId: string): string {
  return `link:${network}:${externalUserId}:${ruleId}`;
}

export interface LinkedAccount {
  customerId: string;
  network: Network;
  externalUserId: string;
  handle: string;
  followers: number;
}

export type LinkAccountPayout = ActionPayout;

export async function payLinkAccountRules(tx: DbTx, ctx: TenantContext, account: LinkedAccount, now: Date): Promise<LinkAccountPayout> {
  return payOneOffAction(
    tx,
    ctx,
    {
      action: "LINK_ACCOUNT",
      network: account.network,
      customerId: account.customerId,
      followers: account.followers,
      key: (ruleId) => linkAccountAwardKey(account.network, account.externalUserId, ruleId),
      note: `linked @${account.handle} (account ${account.externalUserId})`,
      // Once per account ever: a cap could never matter (the rules service refuses one).
      dailyCaps: false,
    },
    now,
  );
}
