import { T, ZListOf, type ApiOperation } from "./operation-helpers";
import { ZCustomerLookupQuery, ZCustomerUpsert } from "../modules/customers/customer-upsert";
import { ZCustomerDto } from "../modules/customers/customer.schemas";
import { ZLocationDto } from "../modules/listening/location.schemas";
import { ZRewardDto } from "../modules/rewards/reward.schemas";
import {
  ZApiCancelRedemption,
  ZApiRedeem,
  ZApiRedemptionListQuery,
  ZApiRewardListQuery,
  ZRedemptionChangeDto,
  ZRedemptionListItemDto,
  ZRedemptionResultDto,
} from "../modules/rewards/rewards-api.schemas";
import { ZAdjustmentResultDto, ZApiAdjustPoints, ZBalanceDto, ZLedgerPage, ZLedgerPageQuery } from "../modules/ledger/ledger.schemas";

/** One customer as another system addresses them (by its own id or an email), their points, and what they spend them on. */
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
  {
    method: "get",
    path: `${T}/rewards`,
    operationId: "listRewards",
    summary: "The reward catalogue (active rewards unless includeInactive / includeArchived)",
    tag: "Rewards",
    permission: "rewards:read",
    query: ZApiRewardListQuery,
    response: { status: 200, schema: ZListOf(ZRewardDto) },
  },
  {
    method: "get",
    path: `${T}/redemptions`,
    operationId: "listRedemptions",
    summary: "Redemptions, newest first, optionally of one status",
    tag: "Rewards",
    permission: "rewards:read",
    query: ZApiRedemptionListQuery,
    response: { status: 200, schema: ZListOf(ZRedemptionListItemDto) },
  },
  {
    method: "post",
    path: `${T}/redemptions`,
    operationId: "redeemReward",
    summary:
      "Spend a customer's points on a reward: stock, limits, tier and balance checked in one transaction, never oversold. Idempotent by Idempotency-Key (or idempotencyKey): 201, or 200 with replayed: true",
    tag: "Rewards",
    permission: "ledger:adjust",
    body: ZApiRedeem,
    response: { status: 201, schema: ZRedemptionResultDto },
  },
  {
    method: "post",
    path: `${T}/redemptions/{id}/fulfil`,
    operationId: "fulfilRedemption",
    summary: "Mark a redemption handed over (again: unchanged)",
    tag: "Rewards",
    permission: "rewards:manage",
    response: { status: 200, schema: ZRedemptionChangeDto },
  },
  {
    method: "post",
    path: `${T}/redemptions/{id}/cancel`,
    operationId: "cancelRedemption",
    summary: "Cancel a redemption with a reason: its points are refunded by a new ledger entry, once",
    tag: "Rewards",
    permission: "rewards:manage",
    body: ZApiCancelRedemption,
    response: { status: 200, schema: ZRedemptionChangeDto },
  },
  {
    method: "get",
    path: `${T}/locations`,
    operationId: "listLocations",
    summary: "The brand's stores (Foursquare venues), as check-ins and feedback name them",
    tag: "Locations",
    permission: "settings:read",
    response: { status: 200, schema: ZListOf(ZLocationDto) },
  },
];
