import { code, link, p, renderMail, type MailSender, type RenderedMail } from "./mail-template";

/** The portal's sign-in email, from the brand (its name and colour). */
export function portalSignInMail(data: { brand: MailSender; link: string; code: string }): RenderedMail {
  return renderMail({
    sender: data.brand,
    subject: `Your sign-in link for ${data.brand.name} rewards`,
    blocks: [
      link(`Sign in to ${data.brand.name} rewards`, data.link),
      code("Or enter this code on the sign-in page", data.code),
      p("The link and the code work once and expire in 15 minutes. If you did not ask to sign in, ignore this email."),
    ],
  });
}
