import { PlannedSectionPage } from "@/features/shell/planned-sections";
import { requireMember } from "@/server/http/require-member";

export const metadata = { title: "Rewards" };

export default async function RewardsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  await requireMember(tenant, `/t/${tenant}/rewards`);
  return <PlannedSectionPage section="rewards" />;
}
