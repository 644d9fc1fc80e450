import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { isAppError } from "../../errors";
import { entityTag, assertIfMatch } from "../../etag";
import { getReward, updateReward } from "./reward.service";
import type { RewardDto, RewardUpdateInput } from "./reward.schemas";
import { ZApiRewardPatch, type ApiRewardPatchInput } from "./rewards-api.schemas";

/** The fields of a reward as the edit form would send them back unchanged. */
function editableFields(current: RewardDto): Omit<RewardUpdateInput, "id"> {
  return {
    name: current.name,
    description: current.description,
    cost: current.cost,
    stock: current.stock,
    perCustomerLimit: current.perCustomerLimit,
    availableFrom: current.availableFrom,
    availableUntil: current.availableUntil,
    minimumTierId: current.minimumTierId,
    fulfilment: current.fulfilment,
    active: current.active,
  };
}

/** Merging over a reward that changed between the read and the save starts over, at most this often. */
const MERGE_ATTEMPTS = 3;

/**
 * A partial edit over the API: the fields sent, laid over the reward's current values, saved by
 * updateReward with every check of the edit screen (archived, delivery locked by history, own tier,
 * the window's order, a unique name). The merge is saved only over the version it was made from
 * (updateReward compares that version's ETag under the row lock), so a concurrent change is never
 * overwritten with a stale value: without If-Match the merge is made again over the new version;
 * with one (`ifMatch`), the caller's version is the one that must still be current (412 otherwise).
 */
export async function patchReward(ctx: TenantContext, id: string, raw: ApiRewardPatchInput, options: { ifMatch?: string } = {}): Promise<RewardDto> {
  assertCan(ctx, "rewards:manage");
  const patch = ZApiRewardPatch.parse(raw);
  for (let attempt = 1; ; attempt++) {
    const current = await getReward(ctx, id);
    const version = entityTag(current);
    assertIfMatch(options.ifMatch, version, "reward");
    try {
      return await updateReward(ctx, { ...editableFields(current), ...patch, id: current.id }, { ifMatch: version });
    } catch (error) {
      const changedMeanwhile = isAppError(error) && error.code === "PRECONDITION_FAILED";
      if (!changedMeanwhile || options.ifMatch !== undefined || attempt >= MERGE_ATTEMPTS) throw error;
    }
  }
}
