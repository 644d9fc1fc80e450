import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TENANT_SCOPED_MODELS } from "../../../src/server/db/guard-rails";
import { getDatamodel } from "./prisma-dmmf";
import { tenantKeyViolations, tenantOwnedModels } from "./tenant-key-rules";

/**
 * Models that belong to no tenant. Everything else with a tenantId is tenant-owned and must keep
 * the tenant-key rules; a model without tenantId must be named here (with its reason) or fails.
 */
const PLATFORM_MODELS = new Set([
  "Tenant", // the tenants themselves (a Citus reference table)
  "User", // staff are global: one person may belong to several tenants through Membership
  "StaffSession", // a signed-in browser of a user, across the tenants they belong to
  "PasswordResetToken", // belongs to a user, not to a tenant
  "PendingSignUp", // a sign-up before any user or tenant exists
  "PlatformOperator", // people who run the installation across tenants
  "PlatformAuditLog", // what operators did across tenants (tenantId is optional context there)
  "MailMessage", // delivery log of every email the worker sent, sign-up mail included
]);

/**
 * Columns of tenant-owned models whose names end in Id but which are not references to a
 * tenant's row, so they need no foreign key. Everything else named <something>Id must be in one.
 */
const NOT_REFERENCES = new Set([
  "Customer.externalId", // the brand's own id for the customer (from its import)
  "Location.foursquareVenueId", // the venue's id on Foursquare
  "Mention.externalId", // the post's id on its network
  "Mention.authorExternalId", // the author's id on the network
  "ProspectConversion.authorExternalId", // the author's id on the network
  "ProspectInvitation.authorExternalId", // the author's id on the network
  "ProspectInvitation.createdById", // a platform User kept as a record of who wrote it
  "SocialProfile.externalUserId", // the account's id on the network
  "SharePost.externalPostId", // the id the network gave the post
  "MentionReply.externalPostId", // the id the network gave the brand's reply
  "BrandSocialAccount.externalUserId", // the brand account's id on the network
  "DeletionCheckState.passId", // names a deletion-check pass, which is no row
  "AuditLog.targetId", // any kind of row, named by targetType, and kept after that row is gone
  // A platform User's id kept as a record of who did it: it must outlive the user's removal, and
  // users are platform data, so a cross-tenant row is not possible here.
  "AuditLog.actorId",
  "ApiKey.createdById",
  "Webhook.createdById", // the platform User who added the endpoint, kept as a record
  "CustomerTier.tierId", // the tier last announced, kept after that tier is deleted (so its move out is told)
  "WebhookDelivery.messageId", // the Standard Webhooks message id sent to the endpoint, not a row
  "CustomerImport.createdById", // the staff User who uploaded the file, kept as a record
  "Invitation.invitedById",
  "LedgerEntry.actorUserId",
  "DeletionCheckState.requestedById",
  "Redemption.fulfilledById",
  "Redemption.cancelledById",
  "FeedbackResponse.handledById",
  "BrandSocialAccount.connectedByUserId",
  "BrandConnectAttempt.userId", // the member who started "Connect X"; the callback must be theirs
  "MentionReply.authorUserId",
  // Tiers are built as their own aggregate; until that lands the reward keeps the id only and
  // rewards/tier-gate.ts refuses any reward that names one (the tier work adds the foreign key).
  "Reward.minimumTierId",
  // A real reference, left without a foreign key on purpose. The ingest writes a page's mentions
  // and their awards in one statement, and a key check of each award against the mention that
  // statement just inserted cost 0.44 ms per award on the hottest index page (against 0.011 ms for
  // the customer's key): npm run bench:ingest fell from 4,480 to 3,039 mentions/s and Postgres CPU
  // per mention doubled (172 -> 357 us). Awards are joined to the mentions the same statement
  // inserted for the same tenant; reversals copy the id of their own tenant's entry.
  "LedgerEntry.mentionId",
  // A rollup key, not a reference: the triggers that keep MentionTermDayRollup write it in the
  // same statements that clear or delete a source's mentions and matches (a foreign key would
  // refuse the decrement for a source being deleted); the overview joins sources for their text.
  "MentionTermDayRollup.sourceId",
  // Rollup keys copied from ledger entries, whose own keys are checked when they are written (a
  // mention's is not, above): a second check here would add a lookup per customer and mention to
  // every statement that writes the ledger, and the recount rebuilds these rows from the ledger.
  "CustomerPointsDayRollup.customerId",
  "CustomerPointsMonthRollup.customerId",
  "MentionPointsDayRollup.mentionId",
]);

const SCHEMA_DIR = join(process.cwd(), "prisma", "schema");
const schemaFiles = (): Array<[string, string]> =>
  readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith(".prisma"))
    .sort()
    .map((f) => [f, readFileSync(join(SCHEMA_DIR, f), "utf8")]);

const HEADER = `datasource db {\n  provider = "postgresql"\n}\n`;
const TENANT = `model Tenant {\n  id String @id\n}\n`;

describe("tenant keys in prisma/schema", () => {
  it("every tenant-owned model has a tenant key and every foreign key between them is composite", () => {
    expect(tenantKeyViolations(getDatamodel(schemaFiles()), PLATFORM_MODELS, NOT_REFERENCES)).toEqual([]);
  });

  it("the guard-rails list of tenant-scoped models is exactly the schema's tenant-owned models", () => {
    const owned = tenantOwnedModels(getDatamodel(schemaFiles()), PLATFORM_MODELS);
    expect(owned.length).toBeGreaterThan(20);
    expect([...owned].sort()).toEqual([...TENANT_SCOPED_MODELS].sort());
  });
});

describe("the tenant-key check reports a broken model", () => {
  const check = (models: string) => tenantKeyViolations(getDatamodel([["broken.prisma", HEADER + TENANT + models]]), new Set(["Tenant"]));

  it("a foreign key on the id alone, as LedgerEntry -> Customer was before", () => {
    const problems = check(`
model Customer {
  id       String  @id
  tenantId String
  entries  Entry[]

  @@unique([tenantId, id])
}

model Entry {
  id         String   @id
  tenantId   String
  customerId String
  customer   Customer @relation(fields: [customerId], references: [id])

  @@unique([tenantId, id])
}
`);
    expect(problems).toEqual(["Entry.customer -> Customer: foreign key (customerId) is not composite on tenantId"]);
  });

  it("a composite foreign key that pairs tenantId with another column", () => {
    const problems = check(`
model Customer {
  id       String  @id
  tenantId String
  entries  Entry[]

  @@unique([id, tenantId])
}

model Entry {
  id         String   @id
  tenantId   String
  customerId String
  customer   Customer @relation(fields: [tenantId, customerId], references: [id, tenantId])

  @@unique([tenantId, id])
}
`);
    expect(problems).toEqual([
      "Customer: tenantId is in neither its primary key nor a unique (tenantId, id) key",
      "Entry.customer -> Customer: foreign key (tenantId, customerId) is not composite on tenantId",
    ]);
  });

  it("a column named like a reference that is in no foreign key, and a stale not-a-reference entry", () => {
    const problems = tenantKeyViolations(
      getDatamodel([
        [
          "broken.prisma",
          `${HEADER}${TENANT}
model Mention {
  id       String @id
  tenantId String

  @@unique([tenantId, id])
}

model Entry {
  id         String  @id
  tenantId   String
  mentionId  String?
  externalId String

  @@unique([tenantId, id])
}
`,
        ],
      ]),
      new Set(["Tenant"]),
      new Set(["Entry.externalId", "Entry.gone"]),
    );
    expect(problems).toEqual([
      "Entry.gone: listed as not a reference but no such column exists",
      "Entry.mentionId: looks like a reference but is in no foreign key (add a composite relation, or list it as not a reference)",
    ]);
  });

  it("a model without tenantId that is not listed as platform data, and a tenant model without a tenant key", () => {
    const problems = check(`
model Orphan {
  id String @id
}

model Note {
  id       String @id
  tenantId String
}
`);
    expect(problems).toEqual([
      "Orphan: has no required tenantId and is not listed as platform data",
      "Note: tenantId is in neither its primary key nor a unique (tenantId, id) key",
    ]);
  });

  it("a platform model that points into a tenant's rows (a tenant row pointing at its Tenant is fine)", () => {
    const problems = tenantKeyViolations(
      getDatamodel([
        [
          "broken.prisma",
          `${HEADER}
model Tenant {
  id         String     @id
  featuredId String?
  featured   Customer?  @relation("Featured", fields: [featuredId], references: [id])
  customers  Customer[] @relation("Owner")
}

model Customer {
  id       String   @id
  tenantId String
  tenant   Tenant   @relation("Owner", fields: [tenantId], references: [id])
  featured Tenant[] @relation("Featured")

  @@unique([tenantId, id])
}
`,
        ],
      ]),
      new Set(["Tenant"]),
    );
    expect(problems).toEqual(["Tenant.featured: platform model points at tenant-owned Customer"]);
  });
});
