import { MEGAPHONE, link, p, renderMail, type RenderedMail } from "./mail-template";

/** Megaphone's own mail to staff accounts (sign-up, passwords, invitations, sign-in locks). */

export function passwordChangedMail(): RenderedMail {
  return renderMail({
    sender: MEGAPHONE,
    subject: "Your Megaphone password was changed",
    blocks: [
      p("The password of your Megaphone account was just changed, and every other signed-in device was signed out."),
      p("If this was not you, reset your password from the sign-in page at once and tell the owner of your brand."),
    ],
  });
}

export function passwordResetMail(data: { link: string }): RenderedMail {
  return renderMail({
    sender: MEGAPHONE,
    subject: "Reset your Megaphone password",
    blocks: [
      p("Someone (hopefully you) asked to reset the password of your Megaphone account."),
      link("Choose a new password", data.link),
      p("The link works once and expires in 30 minutes. If you did not ask for it, ignore this email: your password stays as it is."),
    ],
  });
}

/** `brand` is already defanged by mailSafeName (no link-looking text); it is escaped here as well. */
export function invitationMail(data: { brand: string; role: string; link: string }): RenderedMail {
  return renderMail({
    sender: MEGAPHONE,
    subject: `You're invited to ${data.brand} on Megaphone`,
    blocks: [
      p(`You have been invited to join ${data.brand} on Megaphone as ${data.role.toLowerCase()}.`),
      link("Accept the invitation", data.link),
      p("The link expires in 7 days."),
    ],
  });
}

export function signUpConfirmationMail(data: { link: string }): RenderedMail {
  return renderMail({
    sender: MEGAPHONE,
    subject: "Confirm your Megaphone account",
    blocks: [
      p("Someone (we hope you) asked to create a Megaphone account with this address."),
      link("To create it, open this link within 24 hours and enter the password you chose", data.link),
      p("If it was not you, ignore this email: nothing is created without the link."),
    ],
  });
}

export function existingAccountNoticeMail(data: { email: string; signInLink: string; resetLink: string }): RenderedMail {
  return renderMail({
    sender: MEGAPHONE,
    subject: "Someone tried to sign up with your email address",
    blocks: [
      p(
        `Someone tried to create a new Megaphone account with ${data.email}, which already has an account. No new account was created and nothing in yours changed.`,
      ),
      link("If it was you, sign in instead", data.signInLink),
      link("Forgot your password? Choose a new one", data.resetLink),
      p("If it was not you, you can ignore this email."),
    ],
  });
}

export function accountLockedMail(data: { email: string; failures: number; ip: string; minutes: number; signInLink: string; resetLink: string }): RenderedMail {
  return renderMail({
    sender: MEGAPHONE,
    subject: "Sign-ins to your Megaphone account are paused",
    blocks: [
      p(
        `There were ${data.failures} failed attempts to sign in to your Megaphone account (${data.email}) with a wrong password, the last from the network address ${data.ip}.`,
      ),
      p(
        `To protect the account, sign-ins are paused for about ${data.minutes} minutes, even with the right password. Your password was not revealed and nothing in the account changed.`,
      ),
      link("If this was you, wait and sign in again", data.signInLink),
      link("If it was not you, someone is guessing your password: choose a new, unique password now (this also ends the pause)", data.resetLink),
    ],
  });
}
