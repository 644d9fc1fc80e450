"use server";

import { revalidatePath } from "next/cache";
import { customerAction } from "@/server/http/portal-action";
import { formText } from "@/server/http/tenant-action";
import { setLeaderboardPreferences } from "@/server/modules/leaderboard/leaderboard.service";
import { ZLeaderboardPreferences } from "@/server/modules/leaderboard/leaderboard.schemas";

/** The customer's own board name and opt-out (validated, audited and applied to the boards by the domain). */
export const leaderboardPreferencesAction = customerAction(
  {
    schema: ZLeaderboardPreferences,
    fromForm: (form) => ({ displayName: formText(form, "displayName") ?? "", optOut: form.get("optOut") === "on" }),
  },
  async ({ brand, cctx }, input) => {
    const saved = await setLeaderboardPreferences(cctx, input);
    revalidatePath(`/r/${brand.scope.tenantSlug}/leaderboard`);
    if (saved.optOut) return { status: "ok", message: "You are off the leaderboard. Your points are unchanged." };
    return { status: "ok", message: saved.displayName ? `Saved. You appear as “${saved.displayName}”.` : "Saved. You appear as “An advocate”." };
  },
);
