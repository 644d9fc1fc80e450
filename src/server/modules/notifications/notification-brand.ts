import type { TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { jobOptions } from "../../jobs/queues";
import { sealMail } from "../mail/mail-secrets";
import type { MailJob } from "../mail/mail.schemas";
import type { RenderedMail } from "../mail/templates/mail-template";
import { mailSafeName } from "../members/mail-safe-name";
import type { UnsubscribeKind } from "./notification.schemas";
import type { Recipient } from "./notification-recipients";
import { unsubscribeUrls } from "./unsubscribe-token";

export interface BrandForMail {
  ctx: TenantContext;
  name: string;
  colour: string | null;
  portalUrl: string;
}

/** The brand as its notification emails show it (the slug for links; the name defanged). */
export async function loadBrandForMail(ctx: TenantContext): Promise<BrandForMail> {
  const tenant = await getDb().tenant.findUnique({ where: { id: ctx.tenantId }, select: { slug: true, name: true, brandColor: true } });
  if (!tenant) throw AppError.notFound("brand");
  return {
    ctx: { ...ctx, tenantSlug: tenant.slug },
    name: mailSafeName(tenant.name),
    colour: tenant.brandColor,
    portalUrl: new URL(`/r/${tenant.slug}`, getEnv().APP_URL).toString(),
  };
}

export function mailBase(brand: BrandForMail, recipient: Recipient, kind: UnsubscribeKind) {
  return {
    brand: { name: brand.name, colour: brand.colour },
    customerName: recipient.name,
    portalUrl: brand.portalUrl,
    unsubscribeUrl: unsubscribeUrls(brand.ctx, recipient.customerId, kind).page,
  };
}

/**
 * A notification as a sealed `mail.send` job, with the RFC 8058 one-click headers of its kind. The
 * dedupe key is the notification's identity (per customer and day, reward crossing, redemption):
 * a retried drain or a second digest run queues the same key, and the mail is sent once.
 */
export function notificationJob(
  brand: BrandForMail,
  recipient: Recipient,
  kind: UnsubscribeKind,
  mail: RenderedMail,
  dedupeKey: string,
  secrets: string[] = [],
) {
  const { oneClick } = unsubscribeUrls(brand.ctx, recipient.customerId, kind);
  const payload: MailJob = sealMail({
    to: recipient.email,
    ...mail,
    dedupeKey,
    secrets,
    headers: { "List-Unsubscribe": `<${oneClick}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  });
  return { payload, options: { jobId: `mail:${dedupeKey}` } satisfies Parameters<typeof jobOptions>[1] };
}

export const utcDay = (at: Date) => at.toISOString().slice(0, 10);
