import { PlannedSectionPage } from "@/features/shell/planned-sections";
import { requireMember } from "@/server/http/require-member";

export const metadata = { title: "Advocates" };

export default async function AdvocatesPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  await requireMember(tenant, `/t/${tenant}/advocates`);
  return <PlannedSectionPage section="advocates" />;
}
