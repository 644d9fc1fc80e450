import { Alert } from "@/components/alert";
import { ButtonLink } from "@/components/button-link";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { AuditLogFilters } from "@/features/audit/audit-log-filters";
import { AuditLogList } from "@/features/audit/audit-log-list";
import { requireMember } from "@/server/http/require-member";
import { requirePermission } from "@/server/http/require-permission";
import { auditActorOptions, listAuditLog } from "@/server/modules/audit/audit-log";
import { ZAuditLogQuery } from "@/server/modules/audit/audit-log.schemas";
import { SettingsPageHeader } from "@/features/settings/settings-page-header";

export const metadata = { title: "Audit log" };

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function AuditLogPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<Search> }) {
  const { tenant: slug } = await params;
  const base = `/t/${slug}/settings/audit`;
  const { ctx, can } = await requireMember(slug, base);
  requirePermission(can, "audit:read");
  const raw = await searchParams;
  const asked = { who: first(raw.who), what: first(raw.what), from: first(raw.from), to: first(raw.to), after: first(raw.after) };
  // A hand-edited URL with a bad field shows the whole log with the problem said.
  const parsed = ZAuditLogQuery.safeParse(asked);
  const query = parsed.success ? parsed.data : { pageSize: 50 };
  const [page, actors] = await Promise.all([listAuditLog(ctx, query), auditActorOptions(ctx)]);
  const keep = new URLSearchParams(
    Object.entries({ who: asked.who, what: asked.what, from: asked.from, to: asked.to }).filter((e): e is [string, string] => !!e[1]),
  );
  const older = page.nextAfter ? new URLSearchParams([...keep, ["after", page.nextAfter]]) : null;
  return (
    <>
      <SettingsPageHeader slug={slug} title="Audit log" description="Who changed what in this brand, and when. Newest first; times are UTC." />
      {!parsed.success && (
        <Alert tone="warning" title="That filter could not be used" className="mb-4">
          {parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}
        </Alert>
      )}
      <div className="space-y-4">
        <Card title="Filter" headingLevel={2}>
          <AuditLogFilters action={base} values={parsed.success ? asked : {}} actors={actors} />
        </Card>
        <Card title="Entries" headingLevel={2} flush>
          {page.items.length === 0 ? (
            <EmptyState title="No entries" description="Nothing in the audit log matches this filter." headingLevel={3} />
          ) : (
            <AuditLogList items={page.items} />
          )}
        </Card>
        <nav aria-label="Audit log pages" className="flex flex-wrap gap-2">
          {asked.after && (
            <ButtonLink href={keep.size ? `${base}?${keep.toString()}` : base} variant="secondary" size="sm">
              Newest entries
            </ButtonLink>
          )}
          {older && (
            <ButtonLink href={`${base}?${older.toString()}`} variant="secondary" size="sm" rel="next">
              Older entries
            </ButtonLink>
          )}
        </nav>
      </div>
    </>
  );
}
