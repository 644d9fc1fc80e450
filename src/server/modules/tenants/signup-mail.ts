import { getEnv } from "../../env";
import { queueMail } from "../mail/mail.service";
import { existingAccountNoticeMail, signUpConfirmationMail } from "../mail/templates/staff-mail";

const appLink = (path: string) => new URL(path, getEnv().APP_URL).toString();

/**
 * The brand name the visitor typed is not repeated in the mail to an
 * existing owner (it is the visitor's text, and that person may not be the owner).
 */
export async function sendSignUpConfirmation(input: { pendingId: string; email: string; token: string }): Promise<void> {
  const link = appLink(`/signup/confirm/${input.token}`);
  await queueMail({
    to: input.email,
    ...signUpConfirmationMail({ link }),
    dedupeKey: `signup-confirm:${input.pendingId}`,
    secrets: [input.token],
  });
}

export async function sendExistingAccountNotice(input: { userId: string; email: string; attemptId: string }): Promise<void> {
  await queueMail({
    to: input.email,
    ...existingAccountNoticeMail({ email: input.email, signInLink: appLink("/signin"), resetLink: appLink("/forgot-password") }),
    dedupeKey: `signup-existing:${input.userId}:${input.attemptId}`,
  });
}
