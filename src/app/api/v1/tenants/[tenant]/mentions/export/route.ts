import { otherMethods } from "@/server/http/route-methods";
import { withTenant } from "@/server/http/with-tenant";
import { exportMentionsCsv } from "@/server/modules/exports/mention-export";
import { csvResponse } from "@/server/modules/exports/csv-stream";
import { ZInboxFilters } from "@/server/modules/mentions/inbox/inbox.schemas";

/** The inbox's mentions as CSV, streamed, newest first, with the inbox's filters. */
export const GET = withTenant({ permission: "mentions:read", query: ZInboxFilters }, async ({ ctx, query }) => {
  return csvResponse(await exportMentionsCsv(ctx, query));
});

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
