import type { AuditLogRow } from "@/server/modules/audit/audit-log.schemas";

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

/** Audit entries as cards: who, what, on which object, and the stored details as plain text. */
export function AuditLogList({ items }: { items: AuditLogRow[] }) {
  return (
    <ul className="divide-y divide-line" aria-label="Audit entries">
      {items.map((e) => (
        <li key={e.id} data-audit-id={e.id} className="min-w-0 space-y-1 px-5 py-3 text-sm">
          <div className="flex min-w-0 flex-wrap items-baseline gap-x-3 gap-y-1">
            <code data-testid="audit-action" className="font-medium text-fg">
              {e.action}
            </code>
            <span data-testid="audit-actor" dir="auto" className="line-clamp-2 max-w-full min-w-0 break-words text-fg-muted">
              by {e.actor}
            </span>
            <time dateTime={e.createdAt} className="text-xs text-fg-subtle">
              {when.format(new Date(e.createdAt))} UTC
            </time>
          </div>
          <p className="text-xs break-all text-fg-subtle">{e.target}</p>
          {e.details && (
            <p dir="auto" className="line-clamp-3 font-mono text-xs break-all text-fg-muted">
              {e.details}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
