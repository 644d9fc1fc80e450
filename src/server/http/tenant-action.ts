import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { resolveMembership } from "../auth/membership";
import type { Permission } from "../auth/permissions";
import { assertCan, type TenantContext } from "../auth/tenant-context";
import { ZTenantSlug } from "../modules/tenants/tenant.schemas";
import { assertActionForm } from "./action-payload";
import { submittedValues, type ActionState } from "./action-state";
import { parseWith, requireMembership, requireUser } from "./guard-steps";
import { toAppError } from "./problem";
import { getSessionUser } from "./session";

/** Turns any error into form state: field issues by name, and a message for the top. */
export function errorState(error: unknown): ActionState {
  unstable_rethrow(error); // redirect() and notFound() must pass through
  const appError = toAppError(error);
  const fieldErrors: Record<string, string> = {};
  for (const issue of appError.issues) {
    const key = issue.path.split(".")[0] || "_form";
    fieldErrors[key] ??= issue.message;
  }
  const message = appError.code === "INTERNAL" ? "Something went wrong on our side. Try again." : appError.message;
  return { status: "error", message, fieldErrors };
}

/**
 * The server-action pipeline, the same steps as withTenant: the payload must be a FormData whose
 * every field passes the input normaliser → authenticate → membership of the tenant named in the
 * form → permission → parse the form with zod → run. Next checks the Origin of server actions
 * itself; server-action-guard.ts answers a foreign one with 403 before Next sees it.
 */
export function tenantAction<S extends z.ZodType>(
  options: { permission: Permission; schema: S; fromForm: (form: FormData) => unknown },
  run: (ctx: TenantContext, input: z.infer<S>, form: FormData) => Promise<ActionState | void>,
) {
  return async (_previous: ActionState, form: FormData): Promise<ActionState> => {
    try {
      assertActionForm(form);
      const user = requireUser(await getSessionUser());
      const slug = ZTenantSlug.safeParse(form.get("tenant"));
      const ctx = requireMembership(slug.success ? await resolveMembership(user.id, slug.data) : null);
      assertCan(ctx, options.permission);
      const input = parseWith(options.schema, options.fromForm(form));
      return (await run(ctx, input, form)) ?? { status: "ok" };
    } catch (error) {
      const state = errorState(error);
      return state.status === "error" ? { ...state, values: submittedValues(form) } : state;
    }
  };
}

/** Form text fields: empty strings stay empty so schemas can decide what "blank" means. */
export function formText(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
}
