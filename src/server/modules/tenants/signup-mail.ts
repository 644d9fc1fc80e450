import { getEnv } from "../../env";
import { queueMail } from "../mail/mail.service";

const appLink = (path: string) => new URL(path, getEnv().APP_URL).toString();

/**
 * Plain-text mail only; the brand name the visitor typed is not repeated in the mail to an
 * existing owner (it is the visitor's text, and that person may not be the owner).
 */
export async function sendSignUpConfirmation(input: { pendingId: string; email: string; token: string }): Promise<void> {
  const link = appLink(`/signup/confirm/${input.token}`);
  await queueMail({
    to: input.email,
    subject: "Confirm your Megaphone account",
    text:
      `Someone (we hope you) asked to create a Megaphone account with this address.\n\n` +
      `To create it, open this link within 24 hours and enter the password you chose:\n${link}\n\n` +
      `If it was not you, ignore this email: nothing is created without the link.`,
    dedupeKey: `signup-confirm:${input.pendingId}`,
    secrets: [input.token],
  });
}

export async function sendExistingAccountNotice(input: { userId: string; email: string; attemptId: string }): Promise<void> {
  await queueMail({
    to: input.email,
    subject: "Someone tried to sign up with your email address",
    text:
      `Someone tried to create a new Megaphone account with ${input.email}, which already has an account. ` +
      `No new account was created and nothing in yours changed.\n\n` +
      `If it was you, sign in instead:\n${appLink("/signin")}\n\n` +
      `Forgot your password? Choose a new one:\n${appLink("/forgot-password")}\n\n` +
      `If it was not you, you can ignore this email.`,
    dedupeKey: `signup-existing:${input.userId}:${input.attemptId}`,
  });
}
