import Link from "next/link";
import type { LocationPerformanceRow } from "@/server/modules/locations/location-performance.schemas";
import { formatFigure } from "./period-nav";

const COLUMNS = [
  ["checkins", "Check-ins"],
  ["mentions", "Mentions"],
  ["nps", "NPS"],
  ["points", "Points"],
] as const;

/** A table from sm up; below that each location is a card with the same figures. */
export function LocationsTable({ rows, detailHref }: { rows: LocationPerformanceRow[]; detailHref: (id: string) => string }) {
  return (
    <>
      <ul className="space-y-3 sm:hidden" aria-label="Locations">
        {rows.map((r) => (
          <li key={r.id} className="rounded-lg border border-line bg-surface p-4" data-testid="location" data-location-id={r.id}>
            <Link href={detailHref(r.id)} className="line-clamp-2 font-medium break-all text-brand-700 hover:underline" title={r.name}>
              {r.name}
            </Link>
            {r.city && <p className="truncate text-sm text-fg-muted">{r.city}</p>}
            <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
              {COLUMNS.map(([key, label]) => (
                <div key={key}>
                  <dt className="text-fg-subtle">{label}</dt>
                  <dd className="font-medium tabular-nums" data-figure={key}>
                    {formatFigure(r[key])}
                  </dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto rounded-lg border border-line sm:block">
        <table className="w-full text-sm">
          <caption className="sr-only">Locations and their figures for the period</caption>
          <thead className="bg-surface-muted text-left text-fg-muted">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">
                Location
              </th>
              {COLUMNS.map(([key, label]) => (
                <th key={key} scope="col" className="px-4 py-2 text-right font-medium">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {rows.map((r) => (
              <tr key={r.id} data-testid="location" data-location-id={r.id}>
                <th scope="row" className="max-w-xs px-4 py-2 text-left font-medium">
                  <Link href={detailHref(r.id)} className="block truncate text-brand-700 hover:underline" title={r.name}>
                    {r.name}
                  </Link>
                  {r.city && <span className="block truncate text-xs font-normal text-fg-muted">{r.city}</span>}
                </th>
                {COLUMNS.map(([key]) => (
                  <td key={key} className="px-4 py-2 text-right tabular-nums" data-figure={key}>
                    {formatFigure(r[key])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
