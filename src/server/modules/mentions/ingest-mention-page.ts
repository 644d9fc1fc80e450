import type { TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import type { Network, RuleAction } from "../../db/generated/enums";
import { withPgConnection, type SqlRunner } from "../../db/raw-sql";
import { getEnv } from "../../env";
import { pauseForFaultInjection } from "../../fault-injection";
import type { FetchedMention } from "../../social/social-provider";
import { enqueueSharePosts } from "../../pipeline/sharing/queue-shares";
import { analyzeSentiment } from "../scoring/sentiment";
import { findSharingProfiles } from "../sharing/share-eligibility";
import { renderShareText } from "../sharing/share-text";
import { capsNeedTransaction, loadAwardInputs } from "./award-inputs";
import { postedSpan } from "./award-mentions";
import { planAwards, type PlannedAward } from "./plan-awards";
import { loadScoringContext } from "./scoring-inputs";
import { recordLaterMatches, storeMentionPage, type MentionRow, type PlannedShare } from "./store-mention-page";

export interface IngestPage {
  network: Network;
  /** What the posts earn under: MENTION (listening) or CHECKIN (Foursquare). Default MENTION. */
  action?: Extract<RuleAction, "MENTION" | "CHECKIN">;
  sourceId: string | null;
  matchedKeywords: string[];
  mentions: FetchedMention[];
  /** When the page arrived from the network; defaults to the start of ingest. */
  fetchedAt?: Date;
}

export interface IngestResult {
  received: number;
  stored: number;
  duplicates: number;
  prospects: number;
  credited: number;
  pointsAwarded: number;
}

/**
 * One fetched page → stored, attributed, scored and paid by ONE statement, so one transaction:
 * either all of it commits or none, and a redelivered page finds every mention stored and every
 * award keyed, so it changes nothing. Sentiment and scoring run in this process; the database
 * sees a read of who the authors are (plus today's capped totals when a rule has a cap, and
 * sharing consent when anyone could share) and then the write.
 *
 * This is the hottest path of the product: it runs on a raw pooled connection (Prisma's
 * interactive transaction cost more CPU than the SQL) and decides every mention's status before
 * writing it, so no row is written twice. The reads need no transaction of their own: the write
 * re-checks everything that decides money (unique mention, unique award key) itself.
 */
export async function ingestMentionPage(ctx: TenantContext, page: IngestPage, now = new Date()): Promise<IngestResult> {
  const action = page.action ?? "MENTION";
  const unique = [...new Map(page.mentions.map((m) => [m.externalId, m])).values()];
  const empty = { received: page.mentions.length, stored: 0, duplicates: 0, prospects: 0, credited: 0, pointsAwarded: 0 };
  if (unique.length === 0) return empty;
  const analysed = unique.map((mention) => ({ mention, sentiment: analyzeSentiment(mention.text) }));
  const context = await loadScoringContext(getDb(), ctx, page.network, action, now, postedSpan(unique));
  const fault = getEnv().FAULT_INJECTION;

  pauseForFaultInjection("before-ingest");
  const stored = await withPgConnection(async (run) => {
    const links = await linkedAuthors(
      run,
      ctx,
      page.network,
      unique.map((m) => m.author.externalId),
    );
    const customerIds = [...new Set([...links.values()].map((l) => l.customerId))];
    const paying = context.rules.length > 0 && customerIds.length > 0;
    // The write is one statement, atomic on its own; a transaction is needed only to hold the
    // daily-cap locks from reading today's totals to writing (or for the crash-before-commit test).
    const inTransaction = (paying && capsNeedTransaction(context)) || fault === "crash-before-commit";
    if (inTransaction) await run(Prisma.sql`BEGIN`);
    try {
      let awards: PlannedAward[] = [];
      if (paying) {
        const inputs = await loadAwardInputs(run, ctx, context, customerIds, now);
        const candidates = analysed.flatMap(({ mention, sentiment }) => {
          const link = links.get(mention.author.externalId);
          return link
            ? [{ externalId: mention.externalId, customerId: link.customerId, followers: mention.author.followers, sentiment, postedAt: mention.postedAt }]
            : [];
        });
        awards = planAwards({ network: page.network, action, rules: context.rules, campaigns: context.campaigns, ...inputs }, candidates);
      }
      const paid = new Set(awards.map((a) => a.externalId));
      const rows: MentionRow[] = analysed.map(({ mention, sentiment }) => {
        const link = links.get(mention.author.externalId) ?? null;
        const status = !link ? "PROSPECT" : paid.has(mention.externalId) ? "CREDITED" : "NEW";
        return { mention, sentiment, customerId: link?.customerId ?? null, socialProfileId: link?.profileId ?? null, status };
      });
      // Shares are recorded with the awards, so a crash between commit and enqueue loses none
      // (the share sweeper re-queues rows still PENDING).
      const shares = context.sharingPossible && awards.length > 0 ? await planShares(run, ctx, awards) : [];
      const target = { network: page.network, action, sourceId: page.sourceId, matchedKeywords: page.matchedKeywords, fetchedAt: page.fetchedAt ?? now };
      const result = await storeMentionPage(run, ctx, target, rows, awards, shares);
      if (fault === "crash-before-commit" && result.stored > 0) crashForTest("before commit");
      if (inTransaction) await run(Prisma.sql`COMMIT`);
      // Posts already stored (by another source, or an earlier page) still count under this source.
      if (page.sourceId && result.stored < unique.length) {
        await recordLaterMatches(
          run,
          ctx,
          { network: page.network, sourceId: page.sourceId, matchedKeywords: page.matchedKeywords },
          unique.map((m) => m.externalId),
        );
      }
      return result;
    } catch (error) {
      if (inTransaction) await run(Prisma.sql`ROLLBACK`).catch(() => undefined);
      throw error;
    }
  });

  if (fault === "crash-after-commit" && stored.stored > 0) crashForTest("after commit");
  if (stored.shareIds.length) await enqueueSharePosts(ctx, stored.shareIds);
  return {
    received: page.mentions.length,
    stored: stored.stored,
    duplicates: unique.length - stored.stored,
    prospects: stored.prospects,
    credited: stored.credited,
    pointsAwarded: stored.pointsAwarded,
  };
}

interface AuthorLink {
  profileId: string;
  customerId: string;
}

/**
 * Attribution: an author whose social profile (this tenant and network) is linked to a live
 * customer — linking records consent — belongs to that customer; everyone else is a prospect.
 */
async function linkedAuthors(run: SqlRunner, ctx: TenantContext, network: Network, authorIds: string[]): Promise<Map<string, AuthorLink>> {
  const rows = await run<AuthorLink & { authorId: string }>(Prisma.sql`
    SELECT sp."externalUserId" AS "authorId", sp.id AS "profileId", sp."customerId"
    FROM "SocialProfile" sp
    JOIN "Customer" c ON c.id = sp."customerId" AND c."tenantId" = ${ctx.tenantId} AND c."erasedAt" IS NULL AND c."mergedIntoId" IS NULL
    WHERE sp."tenantId" = ${ctx.tenantId} AND sp.network = ${network}::"Network"
      AND sp."externalUserId" = ANY(${[...new Set(authorIds)]}::text[]) AND sp.status <> 'REVOKED'`);
  return new Map(rows.map((r) => [r.authorId, { profileId: r.profileId, customerId: r.customerId }]));
}

/** The awards whose customers currently allow posting through a linked profile, with their text. */
async function planShares(run: SqlRunner, ctx: TenantContext, awards: PlannedAward[]): Promise<PlannedShare[]> {
  const profiles = await findSharingProfiles(run, ctx, [...new Set(awards.map((a) => a.customerId))]);
  if (profiles.size === 0) return [];
  // no-tenant-data: the tenant's own Tenant row (platform table, keyed by the tenant id)
  const [tenant] = await run<{ name: string; shareTemplate: string }>(Prisma.sql`SELECT name, "shareTemplate" FROM "Tenant" WHERE id = ${ctx.tenantId}`);
  if (!tenant) return [];
  return awards.flatMap((award) => {
    const profile = profiles.get(award.customerId);
    if (!profile) return [];
    return [
      {
        idempotencyKey: award.idempotencyKey,
        socialProfileId: profile.profileId,
        text: renderShareText(tenant.shareTemplate, { points: award.amount, brand: tenant.name }),
      },
    ];
  });
}

/** Dies like `kill -9`: no cleanup, no job acknowledgement (see FAULT_INJECTION in env.ts). */
function crashForTest(where: string): never {
  process.stderr.write(`FAULT_INJECTION: exiting ${where}\n`);
  process.exit(137);
}
