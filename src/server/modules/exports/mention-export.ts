import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { listInbox } from "../mentions/inbox/list-inbox";
import { ZInboxFilters, type InboxFilters } from "../mentions/inbox/inbox.schemas";
import { csvDownload, stamp, type CsvCell, type CsvDownload } from "./csv-stream";

const HEADER = [
  "Mention id",
  "Posted (UTC)",
  "Network",
  "Author",
  "Followers",
  "Text",
  "Link",
  "Sentiment",
  "Status",
  "Customer id",
  "Customer",
  "Points",
  "Tags",
];

/** The inbox under its filters, newest first, through the inbox's own keyset pages (what the screen lists). */
async function* mentionRows(ctx: TenantContext, filters: InboxFilters): AsyncGenerator<CsvCell[][]> {
  let after: string | undefined;
  do {
    const page = await listInbox(ctx, { filters, after, pageSize: 100 });
    yield page.items.map((m) => [
      m.id,
      m.postedAt,
      m.network,
      `@${m.author.handle}`,
      m.author.followers,
      m.text,
      m.url ?? "",
      m.sentiment?.label ?? "",
      m.inboxStatus,
      m.customer?.id ?? "",
      m.customer?.displayName ?? "",
      m.points.net,
      m.tags.join(" "),
    ]);
    after = page.nextCursor ?? undefined;
  } while (after);
}

/** The inbox's mentions as CSV, honouring its filters; the public's words are escaped for spreadsheets. */
export async function exportMentionsCsv(ctx: TenantContext, rawFilters: unknown): Promise<CsvDownload> {
  assertCan(ctx, "mentions:read");
  const filters = ZInboxFilters.parse(rawFilters);
  return csvDownload(`${ctx.tenantSlug}-mentions-${stamp()}.csv`, HEADER, mentionRows(ctx, filters));
}
