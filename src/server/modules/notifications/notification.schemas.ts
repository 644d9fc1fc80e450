import { z } from "zod";

/** The kinds a customer may turn off; redemption codes are transactional and always sent. */
export const NOTIFICATION_KINDS = ["digest", "affordable", "cap"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What an unsubscribe link turns off: one kind, or ("all", from a code email) every optional kind. */
export const ZUnsubscribeKind = z.enum([...NOTIFICATION_KINDS, "all"]);
export type UnsubscribeKind = z.infer<typeof ZUnsubscribeKind>;

export const ZNotificationPreferences = z.strictObject({
  digest: z.boolean(),
  affordable: z.boolean(),
  cap: z.boolean(),
});
export type NotificationPreferences = z.infer<typeof ZNotificationPreferences>;

export const ALL_ON: NotificationPreferences = { digest: true, affordable: true, cap: true };

export const NOTIFICATION_KIND_LABEL: Record<NotificationKind, string> = {
  digest: "A daily summary of the points you earned",
  affordable: "When you have enough points for a reward",
  cap: "When you reach a daily points limit",
};

export const ZDrainNotificationsJob = z.strictObject({ tenantId: z.string().min(1) });
export type DrainNotificationsJob = z.infer<typeof ZDrainNotificationsJob>;

/** A UTC calendar day, "2026-12-03". */
export const ZDay = z.iso.date();
export const ZSendDigestsJob = z.strictObject({ tenantId: z.string().min(1), day: ZDay });
export type SendDigestsJob = z.infer<typeof ZSendDigestsJob>;
