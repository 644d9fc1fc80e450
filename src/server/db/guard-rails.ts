import { AppError } from "../errors";

/** Models whose rows belong to one tenant: every query on them must name the tenant. */
export const TENANT_SCOPED_MODELS = new Set([
  "Membership",
  "Invitation",
  "Customer",
  "CustomerEmail",
  "Segment",
  "SocialProfile",
  "ConsentRecord",
  "ChannelConnection",
  "ListeningSource",
  "Location",
  "Mention",
  "PointRule",
  "Campaign",
  "LedgerEntry",
  "PointBalance",
  "Reward",
  "Redemption",
  "SharePost",
  "AuditLog",
  "ApiKey",
  "Webhook",
  "WebhookDelivery",
  "SentimentRollupState",
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
    ([key, value]) =>
      (key === "tenantId" && typeof value === "string") ||
      (key.startsWith("tenantId_") && typeof value === "object" && value !== null),
  );
}

/**
 * Checks one Prisma operation against the house rules, before it reaches the database:
 * a bulk write with an empty `where` is refused everywhere; on tenant-owned models every read
 * and write by filter must carry the tenant. Cross-tenant code uses `unsafeCrossTenantDb`.
 */
export function assertOperationAllowed(model: string | undefined, operation: string, args: unknown): void {
  const where = (args as { where?: Where } | undefined)?.where;
  if (BULK_WRITES.has(operation) && (!where || Object.keys(where).length === 0)) {
    throw new AppError("INTERNAL", `refused ${model}.${operation} with an empty where`);
  }
  if (model && TENANT_SCOPED_MODELS.has(model) && READ_OR_BULK_OPERATIONS.has(operation)) {
    if (!whereNamesTenant(where)) {
      throw new AppError("INTERNAL", `refused ${model}.${operation} without tenantId in where`);
    }
  }
}
