// Brand-wide settings' server actions in the cross-tenant matrix (cross-tenant-matrix.ts spreads
// them into ACTION_CASES). Each names nothing of B's, so only B's slug is an attack ("own-tenant").
import type { ActionCase } from "./cross-tenant-matrix";

export const BRAND_SETTINGS_ACTION_CASES: Record<string, ActionCase> = {
  "ACTION t/[tenant]/settings/deletions/actions.ts#updateDeletionPeriodAction": { fields: () => ({ periodDays: "3" }), underOwnSlug: "own-tenant" },
  "ACTION t/[tenant]/settings/deletions/actions.ts#runDeletionPassAction": { fields: () => ({ network: "TWITTER" }), underOwnSlug: "own-tenant" },
  "ACTION t/[tenant]/settings/privacy/actions.ts#updatePrivacyPolicyAction": {
    fields: () => ({ privacyPolicyUrl: "https://attacker.example/privacy" }),
    underOwnSlug: "own-tenant",
  },
  // Issue 11: the brand's colour and logo. The logo is sent as a file; here a string stands in for
  // it, as B's slug must be refused before the form is even parsed.
  "ACTION t/[tenant]/settings/brand/actions.ts#updateBrandColorAction": { fields: () => ({ brandColor: "#ff0000" }), underOwnSlug: "own-tenant" },
  "ACTION t/[tenant]/settings/brand/actions.ts#uploadBrandLogoAction": { fields: () => ({ logo: "not a file" }), underOwnSlug: "own-tenant" },
  "ACTION t/[tenant]/settings/brand/actions.ts#removeBrandLogoAction": { fields: () => ({}), underOwnSlug: "own-tenant" },
};
