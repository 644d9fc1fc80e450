"use server";

import { customerAction } from "@/server/http/portal-action";
import { formText } from "@/server/http/tenant-action";
import { redeemAsCustomer } from "@/server/modules/rewards/redeem-reward";
import { ZRedeemAsCustomer } from "@/server/modules/rewards/reward.schemas";

/** One confirmed redemption; the key was made when the confirm step opened, so a double tap or a second device replays it. */
export const redeemRewardAction = customerAction(
  { schema: ZRedeemAsCustomer, fromForm: (form) => ({ rewardId: formText(form, "rewardId") ?? "", idempotencyKey: formText(form, "idempotencyKey") ?? "" }) },
  async ({ cctx }, input) => {
    const result = await redeemAsCustomer(cctx, input);
    const code = result.redemption.code;
    return {
      status: "ok",
      message: code ? `Done! Your code: ${code}` : "Done! The brand is preparing your reward; you'll find it under My rewards.",
    };
  },
);
