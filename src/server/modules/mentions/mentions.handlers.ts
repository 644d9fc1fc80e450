import type { JobHandler } from "../../jobs/define-job";
import { getLogger } from "../../logger";
import { settleStaleReplies } from "./inbox/settle-stale-replies";

export const settleStaleRepliesHandler: JobHandler<unknown> = async () => {
  const settled = await settleStaleReplies();
  if (settled > 0) getLogger().warn({ settled }, "replies left SENDING by a stopped process were marked FAILED (outcome unknown)");
};
