import type { CustomerDto } from "./customer.schemas";

interface CustomerRow {
  id: string;
  displayName: string;
  phone: string | null;
  externalId: string | null;
  lifecycleStage: CustomerDto["lifecycleStage"];
  sentimentLabel: CustomerDto["sentimentLabel"];
  sentimentScore: number | null;
  notes: string | null;
  createdAt: Date;
  updatedAt: Date;
  emails: { email: string; isPrimary: boolean }[];
}

/** Prisma rows never reach React or JSON: this is the customer's public shape. */
export function toCustomerDto(row: CustomerRow): CustomerDto {
  return {
    id: row.id,
    displayName: row.displayName,
    emails: [...row.emails]
      .sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary) || a.email.localeCompare(b.email))
      .map((e) => ({ email: e.email, isPrimary: e.isPrimary })),
    phone: row.phone,
    externalId: row.externalId,
    lifecycleStage: row.lifecycleStage,
    sentimentLabel: row.sentimentLabel,
    sentimentScore: row.sentimentScore,
    notes: row.notes,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const CUSTOMER_SELECT = {
  id: true,
  displayName: true,
  phone: true,
  externalId: true,
  lifecycleStage: true,
  sentimentLabel: true,
  sentimentScore: true,
  notes: true,
  createdAt: true,
  updatedAt: true,
  emails: { select: { email: true, isPrimary: true } },
} as const;
