import type { BadgeTone } from "@/components/badge";
import type { ListeningSourceDto, SyncStatusName } from "@/server/modules/listening/source.schemas";

export const SYNC_LABELS: Record<SyncStatusName, string> = {
  IDLE: "Waiting for first run",
  RUNNING: "Running",
  OK: "Up to date",
  THROTTLED: "Rate limited",
  ERROR: "Error, retrying",
  NEEDS_RECONNECT: "Needs reconnect",
  DISABLED: "Paused",
};

export const SYNC_TONES: Record<SyncStatusName, BadgeTone> = {
  IDLE: "neutral",
  RUNNING: "info",
  OK: "success",
  THROTTLED: "warning",
  ERROR: "danger",
  NEEDS_RECONNECT: "danger",
  DISABLED: "neutral",
};

type Kind = ListeningSourceDto["kind"];
type Network = ListeningSourceDto["network"];

export const KIND_LABELS: Record<Kind, string> = { KEYWORD: "Keyword", HASHTAG: "Hashtag", HANDLE: "Handle", VENUE: "Venue" };
export const NETWORK_LABELS: Record<Network, string> = { TWITTER: "X", FOURSQUARE: "Foursquare" };

/**
 * The add form's one select: network and kind together, as "TWITTER:HASHTAG". Foursquare venues
 * are tracked as brand locations (their venue id), not as sources: v2 has no "check-ins at a
 * venue" feed to poll; check-ins come from the customers' own linked accounts.
 */
export const SOURCE_CHOICES: { value: `${Network}:${Kind}`; label: string; placeholder: string; hint: string }[] = [
  { value: "TWITTER:KEYWORD", label: "X keyword or phrase", placeholder: "brand x coffee", hint: "2 to 100 characters, matched as an exact phrase." },
  { value: "TWITTER:HASHTAG", label: "X hashtag", placeholder: "#brandx", hint: "Letters, digits and _; with or without #." },
  { value: "TWITTER:HANDLE", label: "X handle (mentions of)", placeholder: "@brandx", hint: "1 to 15 letters, digits or _; with or without @." },
];
