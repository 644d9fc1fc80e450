import { Badge } from "@/components/badge";
import { Card } from "@/components/card";
import type { AuditLine, ConsentLine, FeedbackLine, MentionLine, RedemptionLine } from "@/server/modules/customers/customer-360.schemas";
import { points, signedPoints, when } from "./format";

const NETWORK: Record<MentionLine["network"], string> = { TWITTER: "X", FOURSQUARE: "Foursquare" };
const NPS_TONE = { PROMOTER: "success", PASSIVE: "neutral", DETRACTOR: "danger" } as const;
const NPS_LABEL = { PROMOTER: "Promoter", PASSIVE: "Passive", DETRACTOR: "Detractor" } as const;

function Empty({ children }: { children: string }) {
  return <p className="px-5 py-4 text-sm text-fg-muted">{children}</p>;
}

export function MentionsCard({ mentions }: { mentions: { lines: MentionLine[]; total: number } }) {
  const shown = mentions.lines.length < mentions.total ? `The newest ${mentions.lines.length} of ${points(mentions.total)}.` : undefined;
  return (
    <Card title="Mentions" description={shown} headingLevel={2} flush>
      {mentions.lines.length === 0 ? (
        <Empty>No mentions from their linked accounts yet.</Empty>
      ) : (
        <ul className="divide-y divide-line" aria-label="Mentions">
          {mentions.lines.map((m) => (
            <li key={m.id} id={m.id} className="min-w-0 px-5 py-3 text-sm" data-testid="mention-line">
              <div className="flex flex-wrap items-center gap-2 text-xs text-fg-muted">
                <span className="max-w-full truncate">
                  @{m.handle} on {NETWORK[m.network]}
                </span>
                <Badge tone="neutral">{m.status.toLowerCase()}</Badge>
                {m.points !== 0 && <span className="font-medium text-fg tabular-nums">{signedPoints(m.points)} points</span>}
              </div>
              <p className="mt-1 break-words whitespace-pre-wrap text-fg">{m.text}</p>
              <p className="mt-1 text-xs text-fg-subtle">
                {when(m.postedAt)}
                {m.url && (
                  <>
                    {" · "}
                    <a href={m.url} rel="noopener noreferrer nofollow" target="_blank" className="text-brand-700 underline">
                      View post
                    </a>
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function RedemptionsCard({ redemptions }: { redemptions: RedemptionLine[] }) {
  return (
    <Card title="Redemptions" headingLevel={2} flush>
      {redemptions.length === 0 ? (
        <Empty>No rewards redeemed.</Empty>
      ) : (
        <ul className="divide-y divide-line" aria-label="Redemptions">
          {redemptions.map((r) => (
            <li key={r.id} className="flex min-w-0 flex-wrap items-center justify-between gap-2 px-5 py-3 text-sm">
              <span className="min-w-0 break-words text-fg">{r.rewardName}</span>
              <span className="text-fg-muted tabular-nums">
                {points(r.cost)} points · {r.status.toLowerCase()} · {when(r.createdAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function ConsentsCard({ consents }: { consents: ConsentLine[] }) {
  return (
    <Card title="Consents" headingLevel={2} flush>
      {consents.length === 0 ? (
        <Empty>No consent recorded.</Empty>
      ) : (
        <ul className="divide-y divide-line" aria-label="Consents">
          {consents.map((c) => (
            <li key={c.id} className="min-w-0 px-5 py-3 text-sm">
              <p className="break-all text-fg">{c.account ?? "Rewards programme"}</p>
              <p className="text-xs text-fg-muted">
                {c.allowPosting ? "May post on their behalf" : "Read only"} · policy {c.policyVersion} · granted {when(c.grantedAt)}
                {c.revokedAt ? ` · withdrawn ${when(c.revokedAt)}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function FeedbackCard({ feedback }: { feedback: FeedbackLine[] }) {
  return (
    <Card title="NPS answers" headingLevel={2} flush>
      {feedback.length === 0 ? (
        <Empty>No feedback answers.</Empty>
      ) : (
        <ul className="divide-y divide-line" aria-label="NPS answers">
          {feedback.map((f) => (
            <li key={f.id} className="min-w-0 px-5 py-3 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-semibold text-fg tabular-nums">{f.score}/10</span>
                <Badge tone={NPS_TONE[f.npsClass]}>{NPS_LABEL[f.npsClass]}</Badge>
                <span className="text-xs text-fg-muted">
                  {when(f.createdAt)} · {f.status === "OPEN" ? "open" : "handled"}
                </span>
              </div>
              {f.location && <p className="mt-1 text-xs break-words text-fg-muted">At {f.location}</p>}
              {f.comment && <p className="mt-1 break-words whitespace-pre-wrap text-fg">{f.comment}</p>}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function AuditCard({ audit }: { audit: AuditLine[] }) {
  return (
    <Card title="Audit trail" description="Who changed what about this customer, newest first." headingLevel={2} flush>
      {audit.length === 0 ? (
        <Empty>Nothing recorded yet.</Empty>
      ) : (
        <ul className="divide-y divide-line" aria-label="Audit trail">
          {audit.map((a) => (
            <li key={a.id} className="min-w-0 px-5 py-3 text-sm" data-testid="audit-line">
              <p className="text-fg">
                <span className="font-mono text-xs">{a.action}</span> <span className="break-words text-fg-muted">by {a.actor}</span>
              </p>
              {a.details && <p className="mt-0.5 text-xs break-words text-fg-muted">{a.details}</p>}
              <p className="text-xs text-fg-subtle">{when(a.createdAt)}</p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
