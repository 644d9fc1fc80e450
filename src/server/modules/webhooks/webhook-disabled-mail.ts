import type { TenantScope } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import { getEnv } from "../../env";
import { queueMail } from "../mail/mail.service";
import { MEGAPHONE, link, p, renderMail } from "../mail/templates/mail-template";
import { mailSafeName } from "../members/mail-safe-name";

/** Tells the brand's owners and admins that an endpoint was turned off, and where to turn it back on. */
export async function notifyAdminsOfDisabledWebhook(scope: TenantScope, webhookId: string, at: Date): Promise<number> {
  const db = getDb();
  const [tenant, webhook, admins] = await Promise.all([
    db.tenant.findUniqueOrThrow({ where: { id: scope.tenantId }, select: { name: true, slug: true } }),
    db.webhook.findFirst({ where: { tenantId: scope.tenantId, id: webhookId }, select: { url: true } }),
    db.membership.findMany({ where: { tenantId: scope.tenantId, role: { in: ["OWNER", "ADMIN"] } }, select: { user: { select: { id: true, email: true } } } }),
  ]);
  if (!webhook) return 0;
  const brand = mailSafeName(tenant.name);
  // The URL is the brand's own text: shown as a host only, which cannot pass for a link to click.
  const host = mailSafeName(new URL(webhook.url).host);
  const page = new URL(`/t/${tenant.slug}/settings/webhooks/${webhookId}`, getEnv().APP_URL).href;
  const mail = renderMail({
    sender: MEGAPHONE,
    subject: `A webhook endpoint of ${brand} was turned off`,
    blocks: [
      p(
        `Every attempt to deliver events to the endpoint at ${host} failed for more than a day, so Megaphone turned it off. Events that happen while it is off are not kept for it.`,
      ),
      p("The delivery log shows what the endpoint answered. When it works again, turn it back on and redeliver what it missed."),
      link("Open the endpoint's settings", page),
    ],
  });
  for (const admin of admins) {
    await queueMail({ to: admin.user.email, ...mail, dedupeKey: `webhook-disabled:${webhookId}:${at.getTime()}:${admin.user.id}` });
  }
  return admins.length;
}
