import { EmptyState } from "@/components/empty-state";
import { HomeIcon } from "@/components/icons";
import { PageHeader } from "@/components/page-header";
import { LocationsTable } from "@/features/locations/locations-table";
import { PeriodNav } from "@/features/locations/period-nav";
import { requireMember } from "@/server/http/require-member";
import { listLocationPerformance } from "@/server/modules/locations/location-performance";
import { ZLocationPeriod } from "@/server/modules/locations/location-performance.schemas";

export const metadata = { title: "Locations" };

type Search = Record<string, string | string[] | undefined>;

export default async function LocationsPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<Search> }) {
  const { tenant: slug } = await params;
  const raw = await searchParams;
  const base = `/t/${slug}/locations`;
  const { ctx } = await requireMember(slug, base);
  const parsed = ZLocationPeriod.safeParse(first(raw.days));
  const days = parsed.success ? parsed.data : 90;
  const rows = await listLocationPerformance(ctx, days);
  return (
    <>
      <PageHeader
        title="Locations"
        description="Each venue's check-ins, mentions, NPS (from feedback answers about it) and points earned there, over the chosen period."
      />
      <PeriodNav current={days} hrefFor={(d) => (d === 90 ? base : `${base}?days=${d}`)} />
      {rows.length === 0 ? (
        <EmptyState icon={<HomeIcon />} title="No locations yet" description="Add your venues under Settings → Listening to see how each one performs." />
      ) : (
        <LocationsTable rows={rows} detailHref={(id) => `${base}/${id}${days === 90 ? "" : `?days=${days}`}`} />
      )}
    </>
  );
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
