import type { LedgerSource } from "../../db/generated/enums";
import { describeEntry } from "./ledger-explanation";
import { ZAwardExplanation, type LedgerEntryDto } from "./ledger.schemas";
import type { AwardExplanation } from "./ledger.types";

export const LEDGER_ENTRY_SELECT = {
  id: true,
  customerId: true,
  amount: true,
  source: true,
  ruleId: true,
  mentionId: true,
  redemptionId: true,
  campaignId: true,
  reversesId: true,
  actorUserId: true,
  explanation: true,
  createdAt: true,
  reversal: { select: { id: true } },
} as const;

interface LedgerEntryRow {
  id: string;
  customerId: string;
  amount: number;
  source: LedgerSource;
  ruleId: string | null;
  mentionId: string | null;
  redemptionId: string | null;
  campaignId: string | null;
  reversesId: string | null;
  actorUserId: string | null;
  explanation: unknown;
  createdAt: Date;
  reversal: { id: string } | null;
}

/** Stored JSON is parsed, not trusted: an entry whose explanation was mangled still shows. */
export function parseExplanation(raw: unknown): AwardExplanation {
  const parsed = ZAwardExplanation.safeParse(raw);
  return parsed.success ? parsed.data : { formula: "(explanation unreadable)" };
}

export function toLedgerEntryDto(row: LedgerEntryRow): LedgerEntryDto {
  const explanation = parseExplanation(row.explanation);
  return {
    id: row.id,
    customerId: row.customerId,
    amount: row.amount,
    source: row.source,
    ruleId: row.ruleId,
    mentionId: row.mentionId,
    redemptionId: row.redemptionId,
    campaignId: row.campaignId,
    reversesId: row.reversesId,
    reversedById: row.reversal?.id ?? null,
    actorUserId: row.actorUserId,
    explanation,
    summary: describeEntry({ amount: row.amount, source: row.source, explanation }),
    createdAt: row.createdAt.toISOString(),
  };
}
