import type { BadgeTone } from "@/components/badge";
import type { CampaignDto, CampaignStatus } from "@/server/modules/campaigns/campaign.schemas";

export const STATUS_LABELS: Record<CampaignStatus, string> = { running: "Running", scheduled: "Scheduled", ended: "Ended" };
export const STATUS_TONES: Record<CampaignStatus, BadgeTone> = { running: "success", scheduled: "info", ended: "neutral" };

export const CAMPAIGN_NETWORK_LABELS: Record<NonNullable<CampaignDto["network"]>, string> = { TWITTER: "X (Twitter)", FOURSQUARE: "Foursquare" };

export function networkLabel(network: CampaignDto["network"]): string {
  return network ? CAMPAIGN_NETWORK_LABELS[network] : "All networks";
}

const utc = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC", hourCycle: "h23" });

/** Campaign windows are entered and shown in UTC. */
export function formatUtc(iso: string): string {
  return `${utc.format(new Date(iso))} UTC`;
}

/** An ISO instant as the value of an <input type="datetime-local"> read as UTC: "2026-06-01T09:00" (seconds only when set). */
export function toUtcInputValue(iso: string): string {
  const seconds = iso.slice(17, 19);
  return seconds && seconds !== "00" ? iso.slice(0, 19) : iso.slice(0, 16);
}
