import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { StatCard } from "@/components/stat-card";
import { LocationTrendChart } from "@/features/locations/location-trend-chart";
import { formatFigure, PeriodNav } from "@/features/locations/period-nav";
import { requireMember } from "@/server/http/require-member";
import { notFoundUnlessFound } from "@/server/http/not-found";
import { getLocationPerformance } from "@/server/modules/locations/location-performance";
import { ZLocationPeriod } from "@/server/modules/locations/location-performance.schemas";

export const metadata = { title: "Location" };

type Search = Record<string, string | string[] | undefined>;

const weekFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

export default async function LocationPage({ params, searchParams }: { params: Promise<{ tenant: string; id: string }>; searchParams: Promise<Search> }) {
  const { tenant: slug, id } = await params;
  const raw = await searchParams;
  const base = `/t/${slug}/locations/${id}`;
  const { ctx } = await requireMember(slug, base);
  const parsed = ZLocationPeriod.safeParse(Array.isArray(raw.days) ? raw.days[0] : raw.days);
  const days = parsed.success ? parsed.data : 90;
  const { location, weeks, total } = await notFoundUnlessFound(getLocationPerformance(ctx, id, days));
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/t/${slug}/locations${days === 90 ? "" : `?days=${days}`}`} className="text-brand-700 hover:underline">
          ← All locations
        </Link>
      </p>
      <div className="min-w-0 break-words">
        <PageHeader title={location.name} description={[location.address, location.city].filter(Boolean).join(", ") || undefined} />
      </div>
      <PeriodNav current={days} hrefFor={(d) => (d === 90 ? base : `${base}?days=${d}`)} />
      <div className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="location-totals">
        <StatCard label="Check-ins" value={formatFigure(total.checkins)} />
        <StatCard label="Mentions" value={formatFigure(total.mentions)} />
        <StatCard label={`NPS (${total.feedbackAnswers} answers)`} value={formatFigure(total.nps)} />
        <StatCard label="Points" value={formatFigure(total.points)} />
      </div>
      <h2 className="mb-2 text-base font-semibold">Per week</h2>
      <LocationTrendChart weeks={weeks.map((w) => ({ week: weekFormat.format(w.weekStart), checkins: w.checkins, mentions: w.mentions, points: w.points }))} />
      <div className="mt-4 max-h-96 overflow-auto rounded-lg border border-line">
        <table className="w-full text-sm">
          <caption className="sr-only">Figures per week</caption>
          <thead className="sticky top-0 bg-surface-muted text-left text-fg-muted">
            <tr>
              {["Week of", "Check-ins", "Mentions", "NPS", "Points"].map((h, i) => (
                <th key={h} scope="col" className={i === 0 ? "px-3 py-2 font-medium" : "px-3 py-2 text-right font-medium"}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {weeks.map((w) => (
              <tr key={w.weekStart.toISOString()}>
                <th scope="row" className="px-3 py-1.5 text-left font-normal whitespace-nowrap">
                  {weekFormat.format(w.weekStart)}
                </th>
                {[w.checkins, w.mentions, w.nps, w.points].map((v, i) => (
                  <td key={i} className="px-3 py-1.5 text-right tabular-nums">
                    {formatFigure(v)}
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
