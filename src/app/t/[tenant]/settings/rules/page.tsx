import { Alert } from "@/components/alert";
import { ButtonLink } from "@/components/button-link";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { PlusIcon, StarIcon } from "@/components/icons";
import { PageHeader } from "@/components/page-header";
import { PointRulesTable } from "@/features/rules/point-rules-table";
import { NETWORK_LABELS } from "@/features/rules/rule-labels";
import { requireMember } from "@/server/http/require-member";
import { NETWORKS } from "@/server/modules/rules/point-rule.schemas";
import { listPointRules } from "@/server/modules/rules/point-rule.service";
import { togglePointRuleAction } from "./actions";

export const metadata = { title: "Point rules" };

export default async function PointRulesPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { tenant: slug } = await params;
  const { saved } = await searchParams;
  const base = `/t/${slug}/settings/rules`;
  const { ctx, can } = await requireMember(slug, base);
  const { items } = await listPointRules(ctx);
  const canWrite = can("settings:write");
  return (
    <>
      <PageHeader
        eyebrow="Settings"
        title="Point rules"
        description="What each action earns, per channel: base points, weighted by the author's followers, with daily caps and a minimum sentiment."
        actions={
          canWrite ? (
            <ButtonLink href={`${base}/new`} icon={<PlusIcon />}>
              New rule
            </ButtonLink>
          ) : undefined
        }
      />
      {saved && (
        <Alert tone="success" role="status" className="mb-4">
          {saved === "created" ? "Rule created." : "Changes saved."}
        </Alert>
      )}
      {!canWrite && (
        <Alert tone="info" role="none" className="mb-4">
          You can see the rules; only admins and the owner can change them.
        </Alert>
      )}
      {items.length === 0 ? (
        <Card>
          <EmptyState
            icon={<StarIcon />}
            title="No point rules yet"
            description="Without rules, mentions and check-ins earn no points. Start with one rule per channel."
            action={canWrite ? <ButtonLink href={`${base}/new`}>New rule</ButtonLink> : undefined}
          />
        </Card>
      ) : (
        <div className="space-y-6">
          {NETWORKS.map((network) => {
            const rules = items.filter((r) => r.network === network);
            return (
              <section key={network} aria-labelledby={`rules-${network}`} className="space-y-3">
                <h2 id={`rules-${network}`} className="text-base font-semibold text-fg">
                  {NETWORK_LABELS[network]}
                </h2>
                {rules.length === 0 ? (
                  <p className="text-sm text-fg-muted">No rules for {NETWORK_LABELS[network]} yet: actions there earn nothing.</p>
                ) : (
                  <PointRulesTable
                    caption={`${NETWORK_LABELS[network]} rules`}
                    rules={rules}
                    tenantSlug={slug}
                    toggleAction={canWrite ? togglePointRuleAction : undefined}
                  />
                )}
              </section>
            );
          })}
        </div>
      )}
      <Card title="How points are calculated" headingLevel={2} className="mt-8">
        <ul className="list-disc space-y-1 pl-5 text-sm text-fg-muted">
          <li>
            <strong className="text-fg">points = base points × influence × campaign</strong>, rounded to the nearest whole point (halves up).
          </li>
          <li>Influence grows with the author&apos;s followers (logarithmic or linear), never below ×1 and never above the rule&apos;s max multiplier.</li>
          <li>Only the best running campaign for the channel counts; campaigns do not stack.</li>
          <li>The daily cap limits what one customer earns from one rule per day; a mention below the minimum sentiment earns nothing.</li>
          <li>Every award keeps its own arithmetic, so changing a rule never changes points already paid.</li>
        </ul>
      </Card>
    </>
  );
}
