import { z } from "zod";
import { T, ZDeleted, type ApiOperation } from "./operation-helpers";
import { CONFIG_OPERATIONS } from "./config-operations";
import { CUSTOMER_RECORD_OPERATIONS } from "./customer-record-operations";
import { ZCustomerExport } from "./customer-export.schema";
import { ZCustomerPageQuery } from "../modules/customers/customer-cursor";
import { ZCustomerGetQuery, ZExpandedCustomerDto } from "../modules/customers/customer-expand.schemas";
import { ZCustomerCreate, ZCustomerDto, ZCustomerListQuery, ZCustomerPage, ZCustomerUpdate } from "../modules/customers/customer.schemas";
import { MAX_IMPORT_BYTES, ZCustomerImportDto, ZImportCheck, ZImportRun, ZImportUploadQuery } from "../modules/customer-import/customer-import.schemas";
import { ZRedemptionExportQuery } from "../modules/exports/redemption-export";
import { ZLedgerExportQuery } from "../modules/ledger/brand-ledger.schemas";
import { ZInboxFilters } from "../modules/mentions/inbox/inbox.schemas";
import { ZInboxArrivalsQuery } from "../modules/mentions/inbox/inbox.schemas";
import { ZDisqualifyMention, ZDisqualifyResult, ZMentionDto, ZMentionListQuery, ZMentionPage } from "../modules/mentions/moderation/mention.schemas";
import { ZSegmentCreate, ZSegmentDto, ZSegmentList, ZSegmentMembersPage, ZSegmentMembersQuery, ZSegmentUpdate } from "../modules/segments/segment.schemas";

const ZHealth = z.object({ ok: z.boolean(), database: z.boolean(), redis: z.boolean() });

/**
 * Every operation of the public API, with the very zod schemas its route validates with (imported
 * from the same modules the route files import) and the DTO schema of its answer. The OpenAPI
 * document is built from this list (openapi-document.ts); tests/integration/api/openapi.test.ts fails
 * when a route under /api/v1 serves a method this list does not describe, or the other way round,
 * and checks real answers against the document.
 */

export const API_OPERATIONS: readonly ApiOperation[] = [
  {
    method: "get",
    path: "/health",
    operationId: "getHealth",
    summary: "Liveness of the database and Redis",
    tag: "Platform",
    permission: null,
    response: { status: 200, schema: ZHealth },
  },
  {
    method: "get",
    path: `${T}/customers`,
    operationId: "listCustomers",
    summary: "List customers: filtered and sorted, by page or by cursor (next_cursor continues in the same order; null on the last page)",
    tag: "Customers",
    permission: "customers:read",
    query: ZCustomerPageQuery,
    response: { status: 200, schema: ZCustomerPage },
  },
  {
    method: "post",
    path: `${T}/customers`,
    operationId: "createCustomer",
    summary: "Create a customer",
    tag: "Customers",
    permission: "customers:write",
    body: ZCustomerCreate,
    response: { status: 201, schema: ZCustomerDto },
  },
  {
    method: "get",
    path: `${T}/customers/{id}`,
    operationId: "getCustomer",
    summary: "Get a customer; expand=balance,tier,profiles embeds those (the balance needs ledger:read)",
    tag: "Customers",
    permission: "customers:read",
    query: ZCustomerGetQuery,
    response: { status: 200, schema: ZExpandedCustomerDto },
    etag: true,
  },
  {
    method: "patch",
    path: `${T}/customers/{id}`,
    operationId: "updateCustomer",
    summary: "Update a customer",
    tag: "Customers",
    permission: "customers:write",
    body: ZCustomerUpdate,
    response: { status: 200, schema: ZCustomerDto },
    etag: true,
  },
  {
    method: "delete",
    path: `${T}/customers/{id}`,
    operationId: "deleteCustomer",
    summary: "Delete a customer (erased instead when the ledger holds their points)",
    tag: "Customers",
    permission: "customers:delete",
    response: { status: 200, schema: z.object({ mode: z.enum(["deleted", "erased"]) }) },
  },
  ...CUSTOMER_RECORD_OPERATIONS,
  {
    method: "get",
    path: `${T}/customers/{id}/export`,
    operationId: "exportCustomer",
    summary: "Everything the brand holds about a customer, as the portal's own export (audited)",
    tag: "Privacy",
    permission: "customers:read",
    response: { status: 200, schema: ZCustomerExport },
  },
  {
    method: "post",
    path: `${T}/customers/{id}/erase`,
    operationId: "eraseCustomer",
    summary: "Erase a customer: tokens revoked at the networks, personal data removed, the ledger kept anonymous so totals still add up",
    tag: "Privacy",
    permission: "customers:delete",
    response: { status: 200, schema: z.object({ erased: z.literal(true), tokensNotRevokedAtNetwork: z.number().int() }) },
  },
  {
    method: "get",
    path: `${T}/segments`,
    operationId: "listSegments",
    summary: "List segments with member counts",
    tag: "Segments",
    permission: "customers:read",
    response: { status: 200, schema: ZSegmentList },
  },
  {
    method: "post",
    path: `${T}/segments`,
    operationId: "createSegment",
    summary: "Create a segment",
    tag: "Segments",
    permission: "customers:write",
    body: ZSegmentCreate,
    response: { status: 201, schema: ZSegmentDto },
  },
  {
    method: "get",
    path: `${T}/segments/{id}`,
    operationId: "getSegment",
    summary: "Get a segment",
    tag: "Segments",
    permission: "customers:read",
    response: { status: 200, schema: ZSegmentDto },
  },
  {
    method: "patch",
    path: `${T}/segments/{id}`,
    operationId: "updateSegment",
    summary: "Update a segment",
    tag: "Segments",
    permission: "customers:write",
    body: ZSegmentUpdate,
    response: { status: 200, schema: ZSegmentDto },
  },
  {
    method: "delete",
    path: `${T}/segments/{id}`,
    operationId: "deleteSegment",
    summary: "Delete a segment",
    tag: "Segments",
    permission: "customers:write",
    response: { status: 200, schema: ZDeleted },
  },
  {
    method: "get",
    path: `${T}/segments/{id}/members`,
    operationId: "listSegmentMembers",
    summary: "List a segment's members (cursor pagination)",
    tag: "Segments",
    permission: "customers:read",
    query: ZSegmentMembersQuery,
    response: { status: 200, schema: ZSegmentMembersPage },
  },
  {
    method: "get",
    path: `${T}/mentions`,
    operationId: "listMentions",
    summary: "List mentions (cursor pagination)",
    tag: "Mentions",
    permission: "mentions:read",
    query: ZMentionListQuery,
    response: { status: 200, schema: ZMentionPage },
  },
  {
    method: "get",
    path: `${T}/mentions/{id}`,
    operationId: "getMention",
    summary: "Get a mention (as an item of the list, with its points)",
    tag: "Mentions",
    permission: "mentions:read",
    response: { status: 200, schema: ZMentionDto },
  },
  {
    method: "post",
    path: `${T}/mentions/{id}/disqualify`,
    operationId: "disqualifyMention",
    summary: "Disqualify a mention: its points are reversed once",
    tag: "Mentions",
    permission: "mentions:moderate",
    body: ZDisqualifyMention,
    response: { status: 200, schema: ZDisqualifyResult },
  },
  {
    method: "get",
    path: `${T}/inbox/arrivals`,
    operationId: "countInboxArrivals",
    summary: "How many mentions matching these filters arrived since a moment",
    tag: "Mentions",
    permission: "mentions:read",
    query: ZInboxArrivalsQuery,
    response: { status: 200, schema: z.object({ newer: z.number().int(), capped: z.boolean() }) },
  },
  {
    method: "get",
    path: `${T}/ledger/export`,
    operationId: "exportLedger",
    summary: "The brand ledger or a liability report as CSV (streamed)",
    tag: "Ledger",
    permission: "ledger:read",
    query: ZLedgerExportQuery,
    response: { status: 200, csv: true },
  },
  {
    method: "get",
    path: `${T}/customers/export`,
    operationId: "exportCustomers",
    summary: "The customers list as CSV (streamed), with the list's filters",
    tag: "Customers",
    permission: "customers:read",
    query: ZCustomerListQuery,
    response: { status: 200, csv: true },
  },
  {
    method: "get",
    path: `${T}/mentions/export`,
    operationId: "exportMentions",
    summary: "The inbox's mentions as CSV (streamed), with the inbox's filters",
    tag: "Mentions",
    permission: "mentions:read",
    query: ZInboxFilters,
    response: { status: 200, csv: true },
  },
  {
    method: "get",
    path: `${T}/redemptions/export`,
    operationId: "exportRedemptions",
    summary: "Redemptions as CSV (streamed), optionally of one status",
    tag: "Rewards",
    permission: "rewards:read",
    query: ZRedemptionExportQuery,
    response: { status: 200, csv: true },
  },
  {
    method: "post",
    path: `${T}/customer-imports`,
    operationId: "uploadCustomerImport",
    summary: "Upload a customer CSV (checked for encoding and header; nothing imported yet)",
    tag: "Customers",
    permission: "customers:write",
    query: ZImportUploadQuery,
    csvBody: { maxMegabytes: MAX_IMPORT_BYTES / 1024 / 1024 },
    response: { status: 201, schema: ZCustomerImportDto },
  },
  {
    method: "get",
    path: `${T}/customer-imports/{id}`,
    operationId: "getCustomerImport",
    summary: "An import's status, counts and first row errors",
    tag: "Customers",
    permission: "customers:read",
    response: { status: 200, schema: ZCustomerImportDto },
  },
  {
    method: "post",
    path: `${T}/customer-imports/{id}/check`,
    operationId: "checkCustomerImport",
    summary: "Map the columns and queue the dry run (row errors with row and column)",
    tag: "Customers",
    permission: "customers:write",
    body: ZImportCheck,
    response: { status: 202, schema: ZCustomerImportDto },
  },
  {
    method: "post",
    path: `${T}/customer-imports/{id}/run`,
    operationId: "runCustomerImport",
    summary: "Queue the real run of a checked import (idempotent by external id, then email)",
    tag: "Customers",
    permission: "customers:write",
    body: ZImportRun,
    response: { status: 202, schema: ZCustomerImportDto },
  },
  ...CONFIG_OPERATIONS,
];

/**
 * Served under /api/v1 but not part of the public API, with why (the coverage test reads this).
 */
export const UNDOCUMENTED_ROUTES: Record<string, string> = {
  "GET /tenants/{tenant}/brand-accounts/twitter/callback": "the browser's return from X's consent page during Connect X, not an API call",
  "GET /openapi.json": "this document itself",
};
