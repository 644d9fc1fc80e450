import { Card } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { PointRuleForm } from "@/features/rules/point-rule-form";
import { notFoundUnlessFound } from "@/server/http/not-found";
import { requireMember } from "@/server/http/require-member";
import { requirePermission } from "@/server/http/require-permission";
import { getPointRuleOrThrow } from "@/server/modules/rules/point-rule.service";
import { updatePointRuleAction } from "../../actions";

export const metadata = { title: "Edit point rule" };

export default async function EditPointRulePage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant: slug, id } = await params;
  const { ctx, can } = await requireMember(slug, `/t/${slug}/settings/rules/${id}/edit`);
  const rule = await notFoundUnlessFound(getPointRuleOrThrow(ctx, id));
  requirePermission(can, "settings:write");
  return (
    <>
      <PageHeader
        eyebrow="Settings · Point rules"
        title={`Edit ${rule.name}`}
        description="Changes apply to new awards; points already paid keep their own arithmetic."
      />
      <Card className="max-w-2xl">
        <PointRuleForm tenantSlug={slug} action={updatePointRuleAction} rule={rule} cancelHref={`/t/${slug}/settings/rules`} />
      </Card>
    </>
  );
}
