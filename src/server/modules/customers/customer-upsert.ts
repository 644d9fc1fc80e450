import { z } from "zod";
import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { AppError, isAppError } from "../../errors";
import { CUSTOMER_SELECT, toCustomerDto } from "./customer.mapper";
import { LIFECYCLE_STAGES, ZCustomerCreate, type CustomerDto } from "./customer.schemas";
import { createCustomer, getCustomerOrThrow, updateCustomer } from "./customer.service";

/** How another system names a customer: its own id for them, or one of their emails. */
export const ZCustomerLookupQuery = z
  .strictObject({
    externalId: z.string().trim().min(1).max(100).optional(),
    email: z.string().trim().toLowerCase().pipe(z.email("not an email address")).optional(),
  })
  .refine((q) => (q.externalId === undefined) !== (q.email === undefined), "give exactly one of externalId or email");
export type CustomerLookupQuery = z.input<typeof ZCustomerLookupQuery>;

/** The upsert's body: the customer as a whole, their external id being the path's; the stage only when named (rules move it too). */
export const ZCustomerUpsert = ZCustomerCreate.omit({ externalId: true }).extend({ lifecycleStage: z.enum(LIFECYCLE_STAGES).optional() });
export type CustomerUpsertInput = z.input<typeof ZCustomerUpsert>;

/** A live customer (not merged away, not erased) by external id or by any of their emails; 404 otherwise. */
export async function findCustomer(ctx: TenantContext, raw: CustomerLookupQuery): Promise<CustomerDto> {
  assertCan(ctx, "customers:read");
  const query = ZCustomerLookupQuery.parse(raw);
  const row = await getDb().customer.findFirst({
    where: {
      tenantId: ctx.tenantId,
      mergedIntoId: null,
      erasedAt: null,
      ...(query.externalId !== undefined ? { externalId: query.externalId } : { emails: { some: { tenantId: ctx.tenantId, email: query.email } } }),
    },
    select: CUSTOMER_SELECT,
  });
  if (!row) throw AppError.notFound("customer");
  return toCustomerDto(row);
}

async function idByExternalId(ctx: TenantContext, externalId: string): Promise<string | null> {
  const row = await getDb().customer.findFirst({ where: { tenantId: ctx.tenantId, externalId, erasedAt: null }, select: { id: true, mergedIntoId: true } });
  if (row?.mergedIntoId)
    throw new AppError("CONFLICT", "this external id belongs to a customer merged into another", { issues: [{ path: "externalId", message: "merged away" }] });
  return row?.id ?? null;
}

/** The fields a PUT sets, as the customer would hold them. */
function wanted(input: z.infer<typeof ZCustomerUpsert>) {
  return {
    displayName: input.displayName,
    emails: input.emails,
    phone: input.phone ?? null,
    notes: input.notes ?? null,
    ...(input.lifecycleStage ? { lifecycleStage: input.lifecycleStage } : {}),
  };
}

function sameAs(current: CustomerDto, fields: ReturnType<typeof wanted>): boolean {
  const emails = [...current.emails].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary)).map((e) => e.email);
  return (
    current.displayName === fields.displayName &&
    current.phone === fields.phone &&
    current.notes === fields.notes &&
    (fields.lifecycleStage === undefined || current.lifecycleStage === fields.lifecycleStage) &&
    emails.length === fields.emails.length &&
    emails[0] === fields.emails[0] &&
    fields.emails.every((e) => emails.includes(e))
  );
}

/**
 * PUT semantics by the other system's id: the customer is created with this external id, or the
 * existing one's fields are replaced (emails included; the stage only if named). The same body
 * again changes nothing, not even `updatedAt`, and sends no event. Two concurrent first calls race
 * on the unique external id: the loser updates.
 */
export async function upsertCustomerByExternalId(
  ctx: TenantContext,
  externalId: string,
  raw: CustomerUpsertInput,
): Promise<{ customer: CustomerDto; outcome: "created" | "updated" | "unchanged" }> {
  assertCan(ctx, "customers:write");
  const ext = z.string().trim().min(1, "external id is required").max(100).parse(externalId);
  const input = ZCustomerUpsert.parse(raw);
  const existing = await idByExternalId(ctx, ext);
  if (!existing) {
    try {
      return { customer: await createCustomer(ctx, { ...input, externalId: ext }), outcome: "created" };
    } catch (error) {
      const raced = isAppError(error) && error.code === "CONFLICT" && error.issues.some((i) => i.path === "externalId");
      if (!raced) throw error;
    }
  }
  const id = existing ?? (await idByExternalId(ctx, ext));
  if (!id) throw new AppError("CONFLICT", "the customer changed while it was being saved: try again");
  const fields = wanted(input);
  const current = await getCustomerOrThrow(ctx, id);
  if (sameAs(current, fields)) return { customer: current, outcome: "unchanged" };
  return { customer: await updateCustomer(ctx, id, fields), outcome: "updated" };
}
