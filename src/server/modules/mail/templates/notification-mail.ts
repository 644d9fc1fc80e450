import { code, link, list, p, renderMail, type MailBlock, type MailSender, type RenderedMail } from "./mail-template";

/**
 * A brand's notification emails to its customers. Every name (brand, customer, reward) is someone's
 * typed text: escaped by the layout, and the caller passes it through mailSafeName so the text part
 * carries no link-looking words either.
 */
export interface NotificationMailBase {
  brand: MailSender;
  customerName: string;
  portalUrl: string;
  /** The "stop these emails" page of this kind for this customer (a signed link, no sign-in). */
  unsubscribeUrl: string;
}

const points = (n: number) => `${n.toLocaleString("en-US")} point${n === 1 ? "" : "s"}`;

function footer(data: NotificationMailBase, why: string): MailBlock[] {
  return [p(why), link("Unsubscribe from these emails", data.unsubscribeUrl), link(`Your ${data.brand.name} rewards`, data.portalUrl)];
}

export function digestMail(data: NotificationMailBase & { day: string; lines: string[]; balance: number }): RenderedMail {
  return renderMail({
    sender: data.brand,
    subject: `Your ${data.brand.name} points for ${data.day}`,
    blocks: [p(`Hi ${data.customerName}, here is what you earned on ${data.day}:`), list(data.lines), p(`Your balance is now ${points(data.balance)}.`)],
    footer: footer(data, `You get this summary on days you earn points at ${data.brand.name}.`),
  });
}

export function affordableMail(data: NotificationMailBase & { rewardName: string; cost: number; balance: number }): RenderedMail {
  return renderMail({
    sender: data.brand,
    subject: `You have enough points for ${data.rewardName}`,
    blocks: [
      p(`Hi ${data.customerName}, with ${points(data.balance)} you can now redeem ${data.rewardName} (${points(data.cost)}).`),
      link("See the rewards", `${data.portalUrl}/rewards`),
    ],
    footer: footer(data, `You get this email when your points reach the cost of a reward at ${data.brand.name}.`),
  });
}

export function dailyCapMail(data: NotificationMailBase & { ruleName: string | null }): RenderedMail {
  return renderMail({
    sender: data.brand,
    subject: `You reached today's points limit at ${data.brand.name}`,
    blocks: [
      p(
        `Hi ${data.customerName}, you earned the most points ${data.ruleName ? `"${data.ruleName}"` : "this way"} gives in one day. Posts today still count for the brand, and you can earn again tomorrow.`,
      ),
    ],
    footer: footer(data, `You get this email once a day at most, when a daily limit at ${data.brand.name} stops your points.`),
  });
}

/** `code` is null when it cannot travel sealed (too short to cut out safely): the portal shows it. */
export function redemptionCodeMail(data: NotificationMailBase & { rewardName: string; code: string | null }): RenderedMail {
  return renderMail({
    sender: data.brand,
    subject: `Your code for ${data.rewardName}`,
    blocks: [
      p(`Hi ${data.customerName}, you redeemed ${data.rewardName}.`),
      data.code ? code("Your code", data.code) : p("Your code is on your rewards page."),
      link("Your rewards", `${data.portalUrl}/rewards`),
    ],
    footer: [
      p(`This email comes with every redemption at ${data.brand.name}.`),
      link("Stop the other emails (summaries and reminders)", data.unsubscribeUrl),
      link(`Your ${data.brand.name} rewards`, data.portalUrl),
    ],
  });
}
