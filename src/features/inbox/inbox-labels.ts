import type { BadgeTone } from "@/components/badge";
import type { InboxItem, InboxStatus } from "@/server/modules/mentions/inbox/inbox.schemas";

export const INBOX_STATUS_LABELS: Record<InboxItem["inboxStatus"], { label: string; tone: BadgeTone }> = {
  new: { label: "New", tone: "info" },
  in_progress: { label: "In progress", tone: "warning" },
  done: { label: "Done", tone: "success" },
  disqualified: { label: "Disqualified", tone: "danger" },
  deleted: { label: "Deleted upstream", tone: "neutral" },
};

export const STATUS_OPTIONS: { value: InboxStatus; label: string }[] = [
  { value: "new", label: "New" },
  { value: "in_progress", label: "In progress" },
  { value: "done", label: "Done" },
  { value: "disqualified", label: "Disqualified" },
];

export const SENTIMENT_LABELS: Record<"PROMOTER" | "PASSIVE" | "DETRACTOR", { label: string; tone: BadgeTone }> = {
  PROMOTER: { label: "Positive", tone: "success" },
  PASSIVE: { label: "Neutral", tone: "neutral" },
  DETRACTOR: { label: "Negative", tone: "danger" },
};

export const SENTIMENT_OPTIONS = (["PROMOTER", "PASSIVE", "DETRACTOR"] as const).map((value) => ({ value, label: SENTIMENT_LABELS[value].label }));

export const NETWORK_NAMES: Record<InboxItem["network"], string> = { TWITTER: "X", FOURSQUARE: "Foursquare" };
