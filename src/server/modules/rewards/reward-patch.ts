import { assertCan, type TenantContext } from "../../auth/tenant-context";
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

/**
 * A partial edit over the API: the fields sent, laid over the reward's current values, saved by
 * updateReward with every check of the edit screen (archived, delivery locked by history, own tier,
 * the window's order, a unique name).
 */
export async function patchReward(ctx: TenantContext, id: string, raw: ApiRewardPatchInput): Promise<RewardDto> {
  assertCan(ctx, "rewards:manage");
  const patch = ZApiRewardPatch.parse(raw);
  const current = await getReward(ctx, id);
  return updateReward(ctx, { ...editableFields(current), ...patch, id: current.id });
}
