import { PlannedSectionPage } from "@/features/shell/planned-sections";
import { requireMember } from "@/server/http/require-member";

export const metadata = { title: "Campaigns" };

export default async function CampaignsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  await requireMember(tenant, `/t/${tenant}/campaigns`);
  return <PlannedSectionPage section="campaigns" />;
}
