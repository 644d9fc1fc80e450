import type { TenantContext } from "../../auth/tenant-context";
import type { ImageContentType } from "../../storage/image-type";
import { deleteImageQuietly, storeImage } from "../../storage/store-image";

/** A reward's picture: raster photos only (no GIF, no SVG), up to storeImage's 2 MB. */
export const REWARD_PICTURE_TYPES: readonly ImageContentType[] = ["image/png", "image/jpeg", "image/webp"];

/**
 * Only a key this brand's reward uploads made is ever deleted for a reward: before uploads existed
 * the form took any key, so an old reward may name the brand's logo or another file.
 */
export function isRewardPictureKey(ctx: TenantContext, key: string | null | undefined): key is string {
  return typeof key === "string" && key.startsWith(`${ctx.tenantId}/reward/`);
}

/**
 * Runs a reward save with its picture change. A new upload is stored FIRST, so a refused file
 * (wrong type, too large) changes nothing; `save` gets the key to write (a new key, null to
 * remove, undefined to keep) and answers the key it replaced. The replaced picture is deleted only
 * after the save committed; a stored upload whose save failed is deleted again.
 */
export async function withRewardPicture<T>(
  ctx: TenantContext,
  input: { picture?: Blob | undefined; removePicture?: boolean | undefined },
  save: (imageKey: string | null | undefined) => Promise<{ result: T; replaced: string | null }>,
): Promise<T> {
  const uploaded = input.picture ? await storeImage(ctx, "reward", input.picture, "picture", REWARD_PICTURE_TYPES) : undefined;
  const imageKey = uploaded ?? (input.removePicture ? null : undefined);
  try {
    const { result, replaced } = await save(imageKey);
    if (isRewardPictureKey(ctx, replaced) && replaced !== imageKey) await deleteImageQuietly(ctx, replaced);
    return result;
  } catch (error) {
    await deleteImageQuietly(ctx, uploaded);
    throw error;
  }
}

/** What the audit entry says happened to the picture (undefined: nothing). */
export function pictureAudit(imageKey: string | null | undefined, before: string | null): { picture?: { from: string | null; to: string | null } } {
  return imageKey === undefined || imageKey === before ? {} : { picture: { from: before, to: imageKey } };
}
