"use server";

import { revalidatePath } from "next/cache";
import { formText, tenantAction } from "@/server/http/tenant-action";
import { ZPrivacyPolicyUpdate } from "@/server/modules/privacy/privacy-settings.schemas";
import { updatePrivacyPolicyUrl } from "@/server/modules/privacy/privacy-settings.service";

export const updatePrivacyPolicyAction = tenantAction(
  {
    permission: "settings:write",
    schema: ZPrivacyPolicyUpdate,
    fromForm: (form) => ({ privacyPolicyUrl: formText(form, "privacyPolicyUrl") ?? "" }),
  },
  async (ctx, input) => {
    const { privacyPolicyUrl } = await updatePrivacyPolicyUrl(ctx, input);
    revalidatePath(`/t/${ctx.tenantSlug}/settings/privacy`);
    return {
      status: "ok",
      message: privacyPolicyUrl ? "The portal now links to your privacy policy." : "The portal no longer links to a privacy policy.",
    };
  },
);
