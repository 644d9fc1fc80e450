"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { AppError } from "@/server/errors";
import { toAppError } from "@/server/http/problem";
import { submittedValues } from "@/server/http/action-state";
import { errorState, formText, tenantAction } from "@/server/http/tenant-action";
import { NETWORKS, type ChannelSaveInput } from "@/server/modules/channels/channel.schemas";
import { saveChannelConnection, setChannelConnectionEnabled, deleteChannelConnection } from "@/server/modules/channels/channel.service";
import { networkLabel } from "@/server/social/provider-registry";

const page = (slug: string) => `/t/${slug}/settings/channels`;

/** The fields each form posts; only these reach the service (which validates them fully). */
const FORM_FIELDS: Record<string, string[]> = {
  "TWITTER:bearer": ["bearerToken"],
  "TWITTER:client_credentials": ["clientId", "clientSecret"],
  "FOURSQUARE:app": ["clientId", "clientSecret", "pushSecret"],
};

function credentialsFromForm(form: FormData) {
  const network = formText(form, "network") ?? "";
  const kind = formText(form, "kind") ?? "";
  const names = FORM_FIELDS[`${network}:${kind}`] ?? [];
  const credentials: Record<string, string> = { kind };
  for (const name of names) credentials[name] = formText(form, name) ?? "";
  return { network, credentials };
}

/** Field errors come back as "credentials.bearerToken"; the form's inputs are named "bearerToken". */
function withFieldPaths(error: unknown): AppError {
  const appError = toAppError(error);
  return new AppError(appError.code, appError.message, {
    issues: appError.issues.map((i) => ({ ...i, path: i.path.replace(/^credentials\./, "") })),
  });
}

export const saveChannelAction = tenantAction(
  {
    permission: "settings:write",
    schema: z.object({ network: z.enum(NETWORKS, { error: "unknown network" }), credentials: z.record(z.string(), z.string()) }),
    fromForm: credentialsFromForm,
  },
  async (ctx, input, form) => {
    try {
      const saved = await saveChannelConnection(ctx, input as ChannelSaveInput);
      revalidatePath(page(ctx.tenantSlug));
      return { status: "ok", message: `${networkLabel(saved.network)} credentials saved (${saved.hint}).` };
    } catch (error) {
      // Only non-secret fields come back (submittedValues drops *secret*/*token*/*password* names).
      const state = errorState(withFieldPaths(error));
      return state.status === "error" ? { ...state, values: submittedValues(form) } : state;
    }
  },
);

export const setChannelEnabledAction = tenantAction(
  {
    permission: "settings:write",
    schema: z.object({ id: z.string(), enabled: z.enum(["true", "false"]).transform((v) => v === "true") }),
    fromForm: (form) => ({ id: formText(form, "id") ?? "", enabled: formText(form, "enabled") }),
  },
  async (ctx, { id, enabled }) => {
    await setChannelConnectionEnabled(ctx, id, enabled);
    revalidatePath(page(ctx.tenantSlug));
  },
);

export const deleteChannelAction = tenantAction(
  { permission: "settings:write", schema: z.object({ id: z.string() }), fromForm: (form) => ({ id: formText(form, "id") ?? "" }) },
  async (ctx, { id }) => {
    await deleteChannelConnection(ctx, id);
    revalidatePath(page(ctx.tenantSlug));
  },
);
