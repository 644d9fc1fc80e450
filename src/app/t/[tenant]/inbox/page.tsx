import { PlannedSectionPage } from "@/features/shell/planned-sections";
import { requireMember } from "@/server/http/require-member";

export const metadata = { title: "Inbox" };

export default async function InboxPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  await requireMember(tenant, `/t/${tenant}/inbox`);
  return <PlannedSectionPage section="inbox" />;
}
