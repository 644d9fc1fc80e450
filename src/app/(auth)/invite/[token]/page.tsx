import { ButtonLink } from "@/components/button-link";
import { Card } from "@/components/card";
import { Alert } from "@/components/alert";
import { AcceptInviteForm } from "@/features/members/accept-invite-form";
import { JoinAsSignedInForm } from "@/features/members/join-as-signed-in-form";
import { isAppError } from "@/server/errors";
import { getSessionUser } from "@/server/http/session";
import { previewInvitation, type InvitationPreview } from "@/server/modules/members/member.service";
import { acceptAsNewUserAction, acceptAsSignedInAction } from "./actions";

export const metadata = { title: "Join a brand" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let invitation: InvitationPreview;
  try {
    invitation = await previewInvitation(token);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return (
      <Card title="This invitation can't be used">
        <p className="text-sm text-fg-muted">{error.message}</p>
      </Card>
    );
  }
  const user = await getSessionUser();
  const role = invitation.role.toLowerCase();
  const title = `Join ${invitation.tenantName} on Megaphone`;
  const description = `You're invited as ${role === "admin" ? "an" : "a"} ${role}.`;

  if (user && user.email === invitation.email) {
    return (
      <Card title={title} description={description}>
        <JoinAsSignedInForm token={token} tenantName={invitation.tenantName} action={acceptAsSignedInAction} />
      </Card>
    );
  }
  if (user) {
    return (
      <Card title={title} description={description}>
        <Alert tone="warning">
          You&apos;re signed in as {user.email}, but this invitation is for {invitation.email}. Sign out, then open this link again.
        </Alert>
      </Card>
    );
  }
  if (invitation.accountExists) {
    return (
      <Card title={title} description={`${description} Sign in as ${invitation.email} to accept.`}>
        <ButtonLink fullWidth href={`/signin?callbackUrl=${encodeURIComponent(`/invite/${token}`)}&email=${encodeURIComponent(invitation.email)}`}>
          Sign in to accept
        </ButtonLink>
      </Card>
    );
  }
  return (
    <Card title={title} description={`${description} Create your account to join.`}>
      <AcceptInviteForm token={token} email={invitation.email} action={acceptAsNewUserAction} />
    </Card>
  );
}
