import { assertCustomerActs, type CustomerContext } from "../../../auth/tenant-context";
import { unlinkCustomerProfile, type UnlinkOutcome } from "../../social-profiles/unlink-profile";
import { ZProfileId } from "./accounts.schemas";

export type { UnlinkOutcome };

/**
 * The customer unlinks one of their accounts (unlinkCustomerProfile says what that does). The
 * page says the network may still list the app when revoking there failed, with where to remove it.
 */
export async function unlinkMyAccount(cctx: CustomerContext, raw: { profileId: string }, now = new Date()): Promise<UnlinkOutcome> {
  assertCustomerActs(cctx);
  const { profileId } = ZProfileId.parse(raw);
  return unlinkCustomerProfile(cctx, cctx.customerId, profileId, now);
}
