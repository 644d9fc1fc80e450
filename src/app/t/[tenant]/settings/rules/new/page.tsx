import { Card } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { PointRuleForm } from "@/features/rules/point-rule-form";
import { requireMember } from "@/server/http/require-member";
import { requirePermission } from "@/server/http/require-permission";
import { createPointRuleAction } from "../actions";

export const metadata = { title: "New point rule" };

export default async function NewPointRulePage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { can } = await requireMember(slug, `/t/${slug}/settings/rules/new`);
  requirePermission(can, "settings:write");
  return (
    <>
      <PageHeader eyebrow="Settings · Point rules" title="New point rule" description="What one action on one channel earns." />
      <Card className="max-w-2xl">
        <PointRuleForm tenantSlug={slug} action={createPointRuleAction} cancelHref={`/t/${slug}/settings/rules`} />
      </Card>
    </>
  );
}
