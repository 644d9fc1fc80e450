import type { ScoringCampaign } from "../scoring/score-mention";
import { campaignStatus, type CampaignDto } from "./campaign.schemas";

interface CampaignRow {
  id: string;
  name: string;
  description: string | null;
  network: CampaignDto["network"];
  startsAt: Date;
  endsAt: Date;
  multiplier: number;
  segmentId: string | null;
  segment: { id: string; name: string } | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Prisma rows never reach React or JSON: this is the campaign's public shape; status is as of `now`. */
export function toCampaignDto(row: CampaignRow, now: Date): CampaignDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    network: row.network,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    multiplier: row.multiplier,
    segment: row.segment ? { id: row.segment.id, name: row.segment.name } : null,
    status: campaignStatus(row, now),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toScoringCampaign(row: CampaignRow): ScoringCampaign {
  return {
    id: row.id,
    name: row.name,
    multiplier: row.multiplier,
    network: row.network,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    segmentId: row.segmentId,
  };
}

/** What the audit log keeps of a campaign, before and after a change. */
export function campaignAuditSnapshot(row: CampaignRow) {
  return {
    name: row.name,
    description: row.description,
    network: row.network,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    multiplier: row.multiplier,
    segmentId: row.segmentId,
  };
}

export const CAMPAIGN_SELECT = {
  id: true,
  name: true,
  description: true,
  network: true,
  startsAt: true,
  endsAt: true,
  multiplier: true,
  segmentId: true,
  segment: { select: { id: true, name: true } },
  createdAt: true,
  updatedAt: true,
} as const;
