import { Badge } from "@/components/badge";
import type { ProspectRow } from "@/server/modules/prospects/prospect.schemas";
import type { FormAction } from "../forms/remembered";
import { InviteProspectForm } from "./invite-prospect-form";
import { MarkCustomerForm } from "./mark-customer-form";

const NETWORK_LABELS = { TWITTER: "X", FOURSQUARE: "Foursquare" } as const;
const num = new Intl.NumberFormat("en-US");
const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

interface Props {
  row: ProspectRow;
  rank: number;
  tenantSlug: string;
  inviteText: string | null;
  actions: { invite: FormAction; markCustomer: FormAction } | null;
  /** The brand's X account that may post replies, or null. */
  replyAs: string | null;
}

/** One prospect: the ranking figures, their latest mentions (expandable) and the two actions. */
export function ProspectCard({ row, rank, tenantSlug, inviteText, actions, replyAs }: Props) {
  return (
    <li className="rounded-lg border border-line bg-surface p-4" data-testid="prospect" data-author={`${row.network}:${row.authorExternalId}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="min-w-0 flex-1 font-medium break-all">
          <span className="mr-2 text-fg-subtle">#{rank}</span>@{row.handle}
        </h2>
        <Badge>{NETWORK_LABELS[row.network]}</Badge>
      </div>
      <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
        <Figure label="Reach" value={num.format(row.reach)} name="reach" />
        <Figure label="Positive mentions" value={num.format(row.positiveMentions)} name="positive" />
        <Figure label="Score" value={num.format(row.score)} name="score" />
        <Figure label="All mentions" value={num.format(row.mentions)} name="mentions" />
      </dl>
      {row.lastInvitedAt && <p className="mt-2 text-sm text-fg-muted">Invitation recorded {day.format(row.lastInvitedAt)}</p>}
      <details className="mt-3">
        <summary className="cursor-pointer text-sm font-medium text-brand-700">
          Latest mentions ({Math.min(row.mentions, row.recentMentions.length)} of {row.mentions})
        </summary>
        <ul className="mt-2 space-y-2">
          {row.recentMentions.map((m) => (
            <li key={m.id} className="rounded-md bg-surface-muted p-2 text-sm">
              <p className="break-words whitespace-pre-wrap">{m.text}</p>
              <p className="mt-1 text-xs text-fg-subtle">
                {day.format(m.postedAt)} · {m.sentimentLabel ? m.sentimentLabel.toLowerCase() : "no sentiment"} · {num.format(m.followers)} followers
              </p>
            </li>
          ))}
        </ul>
      </details>
      {actions && inviteText !== null && (
        <div className="mt-4 grid gap-4 border-t border-line pt-4 lg:grid-cols-[1fr_auto]">
          <InviteProspectForm
            tenantSlug={tenantSlug}
            network={row.network}
            authorExternalId={row.authorExternalId}
            defaultText={inviteText}
            action={actions.invite}
            replyAs={row.network === "TWITTER" ? replyAs : null}
          />
          <MarkCustomerForm tenantSlug={tenantSlug} network={row.network} authorExternalId={row.authorExternalId} action={actions.markCustomer} />
        </div>
      )}
    </li>
  );
}

function Figure({ label, value, name }: { label: string; value: string; name: string }) {
  return (
    <div>
      <dt className="text-fg-subtle">{label}</dt>
      <dd className="font-medium tabular-nums" data-figure={name}>
        {value}
      </dd>
    </div>
  );
}
