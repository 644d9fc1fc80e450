import { AppError } from "../errors";

/** Models whose rows belong to one tenant: every query on them must name the tenant. */
export const TENANT_SCOPED_MODELS = new Set([
  "Membership",
  "Invitation",
  "Customer",
  "StageRuleSet",
  "CustomerTier",
  "TierTrackState",
  "StageChange",
  "ProspectConversion",
  "ProspectInvitation",
  "CustomerEmail",
  "NotificationPreference",
  "NotificationOutbox",
  "NotificationDigestDue",
  "RewardAffordableNotice",
  "CustomerSignIn",
  "CustomerSession",
  "AccountLinkAttempt",
  "Segment",
  "SocialProfile",
  "ConsentRecord",
  "ChannelConnection",
  "ListeningSource",
  "Location",
  "Mention",
  "MentionMatch",
  "MentionNote",
  "MentionTag",
  "MentionReply",
  "BrandSocialAccount",
  "BrandConnectAttempt",
  "InboxView",
  "PointRule",
  "Campaign",
  "LedgerEntry",
  "PointBalance",
  "Reward",
  "Redemption",
  "RewardCode",
  "SharePost",
  "AuditLog",
  "ApiKey",
  "CustomerImport",
  "Webhook",
  "WebhookDelivery",
  "SentimentRollupState",
  "DeletionCheckState",
  "Tier",
  "FeedbackResponse",
  "MentionDayRollup",
  "MentionTermDayRollup",
  "LedgerDayRollup",
  "LinkDayRollup",
  "CustomerPointsDayRollup",
  "CustomerPointsMonthRollup",
  "MentionPointsDayRollup",
]);

const READ_OR_BULK_OPERATIONS = new Set([
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "findUnique",
  "findUniqueOrThrow",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
  "upsert",
]);

const BULK_WRITES = new Set(["updateMany", "updateManyAndReturn", "deleteMany"]);

type Where = Record<string, unknown> | undefined;

/** True when a `where` pins a tenant: `tenantId` itself or a compound key that leads with it. */
export function whereNamesTenant(where: Where): boolean {
  if (!where) return false;
  return Object.entries(where).some(
    ([key, value]) => (key === "tenantId" && typeof value === "string") || (key.startsWith("tenantId_") && typeof value === "object" && value !== null),
  );
}

/**
 * The path of the first `undefined` inside a `where` (through AND/OR/NOT arrays and relation
 * filters), or null. Prisma drops an undefined filter silently, so `{ id: maybeId }` with a
 * missing id would match every row: a bug that widens a read or a bulk write. Optional filters
 * are written so that an absent one is not there at all.
 */
export function undefinedInWhere(value: unknown, path = "where"): string | null {
  if (value === undefined) return path;
  if (value === null || typeof value !== "object" || value instanceof Date || Buffer.isBuffer(value)) return null;
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  for (const [key, inner] of entries) {
    const found = undefinedInWhere(inner, `${path}.${key}`);
    if (found) return found;
  }
  return null;
}

/**
 * The rules every client keeps, the cross-tenant one included: no `undefined` inside a `where`,
 * and no bulk write with an empty `where`.
 */
export function assertWhereIsExplicit(model: string | undefined, operation: string, args: unknown): void {
  const where = (args as { where?: Where } | undefined)?.where;
  const hole = where === undefined ? null : undefinedInWhere(where);
  if (hole) throw new AppError("INTERNAL", `refused ${model}.${operation}: ${hole} is undefined (omit an absent filter instead)`);
  if (BULK_WRITES.has(operation) && (!where || Object.keys(where).length === 0)) {
    throw new AppError("INTERNAL", `refused ${model}.${operation} with an empty where`);
  }
}

/**
 * Checks one Prisma operation against the house rules, before it reaches the database: the
 * explicit-where rules above, and on tenant-owned models every read and write by filter must
 * carry the tenant. Cross-tenant code uses `unsafeCrossTenantDb`, which keeps the former only.
 */
export function assertOperationAllowed(model: string | undefined, operation: string, args: unknown): void {
  assertWhereIsExplicit(model, operation, args);
  const where = (args as { where?: Where } | undefined)?.where;
  if (model && TENANT_SCOPED_MODELS.has(model) && READ_OR_BULK_OPERATIONS.has(operation)) {
    if (!whereNamesTenant(where)) {
      throw new AppError("INTERNAL", `refused ${model}.${operation} without tenantId in where`);
    }
  }
}
