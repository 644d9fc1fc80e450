import { Checkbox } from "@/components/checkbox";
import { Field } from "@/components/field";
import type { RewardDto } from "@/server/modules/rewards/reward.schemas";

/** Only what storeImage accepts for a reward; the browser's filter is a convenience, the server decides from the bytes. */
const ACCEPT = "image/png,image/jpeg,image/webp";

/**
 * A reward's picture, from our own /media route (already type-checked and size-limited when it was
 * uploaded); next/image's optimiser is not configured for it. The alt text is the reward's name.
 */
export function RewardThumbnail({ name, url, size = "sm" }: { name: string; url: string | null; size?: "sm" | "lg" }) {
  if (!url) return null;
  const box = size === "sm" ? "size-10" : "size-24";
  return (
    // eslint-disable-next-line @next/next/no-img-element
    <img src={url} alt={name} className={`${box} shrink-0 rounded-control border border-line bg-surface-muted object-cover`} data-testid="reward-picture" />
  );
}

/** Upload, replace or remove the picture. An empty file input keeps the current one. */
export function RewardPictureField({ reward, error, removeChecked }: { reward?: RewardDto; error?: string; removeChecked: boolean }) {
  return (
    <div className="space-y-3">
      {reward?.pictureUrl && (
        <div className="flex items-center gap-3">
          <RewardThumbnail name={reward.name} url={reward.pictureUrl} size="lg" />
          <Checkbox name="removePicture" label="Remove the picture" description="Or choose a new one below to replace it." defaultChecked={removeChecked} />
        </div>
      )}
      <Field
        label={reward?.pictureUrl ? "New picture" : "Picture"}
        hint="Optional. PNG, JPEG or WebP, up to 2 MB. Customers see it in your rewards portal."
        error={error}
      >
        <input
          type="file"
          name="picture"
          accept={ACCEPT}
          className="block w-full text-sm text-fg-muted file:mr-3 file:rounded-control file:border file:border-line file:bg-surface file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-fg"
        />
      </Field>
    </div>
  );
}
