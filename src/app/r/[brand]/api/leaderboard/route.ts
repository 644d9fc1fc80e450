import { otherMethods } from "@/server/http/route-methods";
import { withCustomer } from "@/server/http/with-customer";
import { myLeaderboard } from "@/server/modules/leaderboard/leaderboard.service";
import { ZLeaderboardQuery } from "@/server/modules/leaderboard/leaderboard.schemas";

/**
 * The brand's board for the signed-in customer: top 100 of the month or of all time, their own row
 * marked, and their rank (bench:leaderboard drives it). The answer names the customer's standing,
 * so no shared cache may keep it: `private, no-store`, and it varies with the portal cookie.
 */
export const GET = withCustomer({ query: ZLeaderboardQuery }, async ({ cctx, query }) =>
  Response.json(await myLeaderboard(cctx, query.period), { headers: { "Cache-Control": "private, no-store", Vary: "Cookie" } }),
);

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
