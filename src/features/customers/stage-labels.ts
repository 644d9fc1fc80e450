import type { BadgeTone } from "@/components/badge";

export const STAGE_LABELS = { PROSPECT: "Prospect", CUSTOMER: "Customer", LOYAL: "Loyal", ADVOCATE: "Advocate" } as const;
export type Stage = keyof typeof STAGE_LABELS;

export const STAGE_TONES: Record<Stage, BadgeTone> = { PROSPECT: "neutral", CUSTOMER: "info", LOYAL: "success", ADVOCATE: "brand" };
