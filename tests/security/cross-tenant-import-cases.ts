/**
 * Issue 13 item 5's lines of the cross-tenant matrix (cross-tenant-matrix.ts spreads them in): the
 * CSV exports and the customer import. Checking and running an import name it by id, so B's
 * import is not found under A's slug either.
 */
import type { ActionCase, ApiCase } from "./cross-tenant-matrix";

export const IMPORT_EXPORT_API_CASES: Record<string, ApiCase> = {
  "GET /api/v1/tenants/[tenant]/customers/export": {},
  "GET /api/v1/tenants/[tenant]/mentions/export": {},
  "GET /api/v1/tenants/[tenant]/redemptions/export": {},
  "POST /api/v1/tenants/[tenant]/customer-imports": { body: () => "name,email\nPlanted by A,planted@attacker.test\n" },
  "GET /api/v1/tenants/[tenant]/customer-imports/[id]": {},
  "POST /api/v1/tenants/[tenant]/customer-imports/[id]/check": { body: () => ({ mapping: { displayName: 0, emails: 1 } }) },
  "POST /api/v1/tenants/[tenant]/customer-imports/[id]/run": { body: () => ({ skipInvalid: true }) },
};

export const IMPORT_ACTION_CASES: Record<string, ActionCase> = {
  "ACTION t/[tenant]/customers/import/actions.ts#startImportCheckAction": {
    fields: (ids) => ({ id: ids.customerImport, displayName: "0", emails: "1" }),
    underOwnSlug: "not-found",
  },
  "ACTION t/[tenant]/customers/import/actions.ts#startImportRunAction": {
    fields: (ids) => ({ id: ids.customerImport, skipInvalid: "on" }),
    underOwnSlug: "not-found",
  },
};
