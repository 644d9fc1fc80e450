import type { z } from "zod";
import type { CustomerContext } from "../auth/tenant-context";
import { AppError } from "../errors";
import type { PortalBrand } from "../modules/portal/portal-brand";
import { assertActionForm } from "./action-payload";
import { submittedValues, type ActionState } from "./action-state";
import { parseWith } from "./guard-steps";
import { currentCustomer, portalBrandOr404 } from "./require-customer";
import { errorState } from "./tenant-action";

interface ActionOptions<S extends z.ZodType> {
  schema: S;
  fromForm: (form: FormData) => unknown;
}

/**
 * Server actions of the portal, the same steps as tenantAction with the portal's principal: the
 * payload must be a FormData whose every field passes the input normaliser → the brand named in
 * the form's "brand" field → (customerAction) the customer session of that brand's cookie → parse
 * the form with zod → run. A staff session counts for nothing here. Next checks the Origin of
 * server actions itself; server-action-guard.ts answers a foreign one with 403 before Next does.
 */
function pipeline<S extends z.ZodType, P>(
  options: ActionOptions<S>,
  principal: (brand: PortalBrand) => Promise<P>,
  run: (principal: P, input: z.infer<S>, form: FormData) => Promise<ActionState | void>,
) {
  return async (_previous: ActionState, form: FormData): Promise<ActionState> => {
    try {
      assertActionForm(form);
      const slug = form.get("brand");
      const brand = await portalBrandOr404(typeof slug === "string" ? slug : "");
      const who = await principal(brand);
      const input = parseWith(options.schema, options.fromForm(form));
      return (await run(who, input, form)) ?? { status: "ok" };
    } catch (error) {
      const state = errorState(error);
      return state.status === "error" ? { ...state, values: submittedValues(form) } : state;
    }
  };
}

/** An action a visitor of the portal may take before signing in (ask for a sign-in email, enter a code, join). */
export function portalAction<S extends z.ZodType>(
  options: ActionOptions<S>,
  run: (brand: PortalBrand, input: z.infer<S>, form: FormData) => Promise<ActionState | void>,
) {
  return pipeline(options, (brand) => Promise.resolve(brand), run);
}

/** An action of a signed-in customer, for themselves only. */
export function customerAction<S extends z.ZodType>(
  options: ActionOptions<S>,
  run: (page: { brand: PortalBrand; cctx: CustomerContext }, input: z.infer<S>, form: FormData) => Promise<ActionState | void>,
) {
  return pipeline(
    options,
    async (brand) => {
      const signedIn = await currentCustomer(brand);
      if (!signedIn) throw new AppError("UNAUTHENTICATED", "your session has ended; sign in again");
      return { brand, cctx: signedIn.cctx };
    },
    run,
  );
}
