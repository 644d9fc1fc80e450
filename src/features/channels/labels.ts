import type { BadgeTone } from "@/components/badge";
import type { ChannelConnectionDto } from "@/server/modules/channels/channel.schemas";

export const CONNECTION_LABELS: Record<ChannelConnectionDto["status"], string> = {
  ACTIVE: "Active",
  NEEDS_RECONNECT: "Needs new credentials",
  REVOKED: "Revoked",
  DISABLED: "Disabled",
};

export const CONNECTION_TONES: Record<ChannelConnectionDto["status"], BadgeTone> = {
  ACTIVE: "success",
  NEEDS_RECONNECT: "danger",
  REVOKED: "danger",
  DISABLED: "neutral",
};
