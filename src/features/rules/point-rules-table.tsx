import Link from "next/link";
import { Badge } from "@/components/badge";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import type { ActionState } from "@/server/http/action-state";
import type { PointRuleDto } from "@/server/modules/rules/point-rule.schemas";
import { ACTION_LABELS, describeInfluence } from "./rule-labels";
import { RuleToggleForm } from "./rule-toggle-form";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;
const count = new Intl.NumberFormat("en");

/** One channel's rules; with `toggleAction` (writers only) each row can be enabled or disabled. */
export function PointRulesTable({
  caption,
  rules,
  tenantSlug,
  toggleAction,
}: {
  caption: string;
  rules: PointRuleDto[];
  tenantSlug: string;
  toggleAction?: Action;
}) {
  const columns: DataTableColumn<PointRuleDto>[] = [
    {
      key: "name",
      header: "Name",
      rowHeader: true,
      cell: (r) =>
        toggleAction ? (
          <Link href={`/t/${tenantSlug}/settings/rules/${r.id}/edit`} className="font-medium text-fg hover:text-brand-700 hover:underline">
            {r.name}
          </Link>
        ) : (
          r.name
        ),
    },
    { key: "action", header: "Action", className: "whitespace-nowrap", cell: (r) => ACTION_LABELS[r.action] },
    { key: "points", header: "Base points", align: "right", cell: (r) => count.format(r.basePoints) },
    { key: "influence", header: "Influence", hideBelow: "md", cell: (r) => describeInfluence(r) },
    { key: "cap", header: "Daily cap", align: "right", hideBelow: "lg", cell: (r) => (r.dailyCap === null ? "No cap" : count.format(r.dailyCap)) },
    { key: "sentiment", header: "Min. sentiment", align: "right", hideBelow: "lg", cell: (r) => (r.minSentiment === null ? "Any" : String(r.minSentiment)) },
    {
      key: "status",
      header: "Status",
      cell: (r) => (
        <Badge tone={r.enabled ? "success" : "neutral"} dot>
          {r.enabled ? "Enabled" : "Disabled"}
        </Badge>
      ),
    },
  ];
  if (toggleAction) {
    columns.push({
      key: "toggle",
      header: <span className="sr-only">Enable or disable</span>,
      align: "right",
      cell: (r) => <RuleToggleForm tenantSlug={tenantSlug} ruleId={r.id} name={r.name} enabled={r.enabled} action={toggleAction} />,
    });
  }
  return <DataTable caption={caption} columns={columns} rows={rules} rowKey={(r) => r.id} />;
}
