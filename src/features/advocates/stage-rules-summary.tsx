import type { StageRules } from "@/server/modules/advocates/stage-rule.schemas";

const n = (value: number) => value.toLocaleString("en-US");

/** The stage rules in words, for members who may not change them. */
export function StageRulesSummary({ rules }: { rules: StageRules }) {
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm text-fg" data-testid="stage-rules-summary">
      <li>
        Advocate: at least {n(rules.advocateMinPositiveMentions)} positive mentions in the last {n(rules.advocateWindowDays)} days
        {rules.advocateRequirePromoter ? ", and their latest NPS answer is a promoter" : ""}.
      </li>
      <li>
        Loyal: at least {n(rules.loyalMinPoints)} points earned in the last {n(rules.loyalWindowDays)} days.
      </li>
      <li>Customer: neither. Prospects are left alone, and a stage set by a person holds for 90 days.</li>
      <li>{rules.enabled ? "The rules are applied every hour." : "The rules are switched off."}</li>
    </ul>
  );
}
