import { T, type ApiOperation } from "./operation-helpers";
import { ZCustomerLookupQuery, ZCustomerUpsert } from "../modules/customers/customer-upsert";
import { ZCustomerDto } from "../modules/customers/customer.schemas";
import { ZAdjustmentResultDto, ZApiAdjustPoints, ZBalanceDto, ZLedgerPage, ZLedgerPageQuery } from "../modules/ledger/ledger.schemas";

/** One customer as another system addresses them: by its own id or an email, and their points. */
export const CUSTOMER_RECORD_OPERATIONS: readonly ApiOperation[] = [
  {
    method: "get",
    path: `${T}/customers/lookup`,
    operationId: "lookupCustomer",
    summary: "The live customer with this external id or email (exactly one of them), or 404",
    tag: "Customers",
    permission: "customers:read",
    query: ZCustomerLookupQuery,
    response: { status: 200, schema: ZCustomerDto },
  },
  {
    method: "put",
    path: `${T}/customers/by-external-id/{externalId}`,
    operationId: "upsertCustomerByExternalId",
    summary:
      "Create (201) or replace (200) the customer your system knows by this id; the same body again changes nothing. The Megaphone-Upsert header says created, updated or unchanged",
    tag: "Customers",
    permission: "customers:write",
    body: ZCustomerUpsert,
    response: { status: 201, schema: ZCustomerDto },
  },
  {
    method: "get",
    path: `${T}/customers/{id}/ledger`,
    operationId: "listCustomerLedger",
    summary: "A customer's ledger entries, newest first, each with its stored explanation and a one-line summary",
    tag: "Ledger",
    permission: "ledger:read",
    query: ZLedgerPageQuery,
    response: { status: 200, schema: ZLedgerPage },
  },
  {
    method: "post",
    path: `${T}/customers/{id}/ledger`,
    operationId: "adjustCustomerPoints",
    summary:
      "Add or remove points by hand with a reason. Idempotent: send an Idempotency-Key header (or idempotencyKey); a repeated key changes nothing and answers 200 with replayed: true",
    tag: "Ledger",
    permission: "ledger:adjust",
    body: ZApiAdjustPoints,
    response: { status: 201, schema: ZAdjustmentResultDto },
  },
  {
    method: "get",
    path: `${T}/customers/{id}/balance`,
    operationId: "getCustomerBalance",
    summary: "A customer's points now and ever earned",
    tag: "Ledger",
    permission: "ledger:read",
    response: { status: 200, schema: ZBalanceDto },
  },
];
