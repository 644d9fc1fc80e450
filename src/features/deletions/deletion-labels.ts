import type { BadgeTone } from "@/components/badge";
import type { DeletionChecksDto } from "@/server/pipeline/deletions/deletion.schemas";

type Outcome = NonNullable<DeletionChecksDto["lastPass"]>["outcome"];

export const OUTCOME_LABELS: Record<Outcome, string> = {
  done: "Everything due was checked",
  budget_spent: "Lookup budget used; the rest carries over",
  throttled: "Rate limited; the rest carries over",
  needs_reconnect: "Credentials refused",
  no_connection: "No channel credentials",
  failed: "Failed; the next pass retries",
};

export const OUTCOME_TONES: Record<Outcome, BadgeTone> = {
  done: "success",
  budget_spent: "info",
  throttled: "warning",
  needs_reconnect: "danger",
  no_connection: "danger",
  failed: "danger",
};

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
export const when = (date: Date) => `${dateTime.format(date)} UTC`;
export const count = (n: number) => n.toLocaleString("en-US");
export const triggerLabel = (trigger: string) => (trigger === "admin" ? "Run by an admin" : "Scheduled");
