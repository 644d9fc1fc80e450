import { Badge } from "@/components/badge";
import { Card } from "@/components/card";
import { DataTable } from "@/components/data-table";
import { PageHeader } from "@/components/page-header";
import { InvitationRowActions } from "@/features/members/invitation-row-actions";
import { InviteMemberForm } from "@/features/members/invite-member-form";
import { MemberRowActions } from "@/features/members/member-row-actions";
import { ROLE_RANK } from "@/server/auth/permissions";
import { requireMember } from "@/server/http/require-member";
import { ROLES } from "@/server/modules/members/member.schemas";
import { listMembers, listPendingInvitations } from "@/server/modules/members/member.service";
import { changeMemberRoleAction, inviteMemberAction, removeMemberAction, resendInvitationAction, revokeInvitationAction } from "./actions";

export const metadata = { title: "Team" };

const date = new Intl.DateTimeFormat("en", { dateStyle: "medium" });
const roleLabel = (role: string) => role.charAt(0) + role.slice(1).toLowerCase();

export default async function MembersPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { ctx, can } = await requireMember(slug, `/t/${slug}/settings/members`);
  const [members, invitations] = await Promise.all([listMembers(ctx), listPendingInvitations(ctx)]);
  const invitableRoles = ROLES.filter((r) => ROLE_RANK[r] <= ROLE_RANK[ctx.role]);
  // The same rules the service enforces: never oneself, never someone ranked above.
  const manageable = (m: (typeof members)[number]) => can("members:manage") && m.userId !== ctx.actor.id && ROLE_RANK[m.role] <= ROLE_RANK[ctx.role];
  return (
    <>
      <PageHeader eyebrow="Settings" title="Team" description="Who works in this brand, and what each role may do." />
      <div className="space-y-6">
        <Card title="Members" headingLevel={2} flush>
          <DataTable
            caption="Members"
            rowKey={(m) => m.id}
            rows={members}
            columns={[
              { key: "name", header: "Name", rowHeader: true, cell: (m) => m.name },
              { key: "email", header: "Email", cell: (m) => m.email },
              { key: "role", header: "Role", cell: (m) => <Badge tone={m.role === "OWNER" ? "brand" : "neutral"}>{roleLabel(m.role)}</Badge> },
              { key: "joined", header: "Joined", hideBelow: "md", cell: (m) => date.format(new Date(m.joinedAt)) },
              ...(can("members:manage")
                ? [
                    {
                      key: "actions",
                      header: <span className="sr-only">Actions</span>,
                      align: "right" as const,
                      cell: (m: (typeof members)[number]) =>
                        manageable(m) ? (
                          <MemberRowActions
                            tenantSlug={slug}
                            memberId={m.id}
                            memberName={m.name}
                            role={m.role}
                            roles={[...invitableRoles]}
                            changeRole={changeMemberRoleAction}
                            remove={removeMemberAction}
                          />
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
        </Card>
        {invitations.length > 0 && (
          <Card title="Pending invitations" headingLevel={2} flush>
            <DataTable
              caption="Pending invitations"
              // Keyed by address (one pending invitation each): a resend replaces the row's id, and its message must stay.
              rowKey={(i) => i.email}
              rows={invitations}
              columns={[
                { key: "email", header: "Email", rowHeader: true, cell: (i) => i.email },
                { key: "role", header: "Role", cell: (i) => roleLabel(i.role) },
                { key: "expires", header: "Expires", hideBelow: "sm", cell: (i) => date.format(new Date(i.expiresAt)) },
                ...(can("members:invite")
                  ? [
                      {
                        key: "actions",
                        header: <span className="sr-only">Actions</span>,
                        align: "right" as const,
                        cell: (i: (typeof invitations)[number]) =>
                          ROLE_RANK[i.role] <= ROLE_RANK[ctx.role] ? (
                            <InvitationRowActions
                              tenantSlug={slug}
                              invitationId={i.id}
                              email={i.email}
                              resend={resendInvitationAction}
                              revoke={revokeInvitationAction}
                            />
                          ) : null,
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        )}
        {can("members:invite") ? (
          <Card title="Invite a member" description="They get an email with a link to join; it expires in 7 days." headingLevel={2} className="max-w-2xl">
            <InviteMemberForm tenantSlug={slug} roles={[...invitableRoles]} action={inviteMemberAction} />
          </Card>
        ) : (
          <p className="text-sm text-fg-muted">Only admins and the owner can invite members.</p>
        )}
        <Card title="What each role can do" headingLevel={2}>
          <ul className="space-y-1 text-sm text-fg-muted">
            <li>
              <strong className="text-fg">Viewer</strong> — sees customers, mentions and reports.
            </li>
            <li>
              <strong className="text-fg">Marketer</strong> — also adds and edits customers, rewards or ignores mentions.
            </li>
            <li>
              <strong className="text-fg">Admin</strong> — also deletes customers, adjusts points, changes settings, invites members and changes or removes
              members up to admin.
            </li>
            <li>
              <strong className="text-fg">Owner</strong> — everything, including inviting, promoting and removing other owners. A brand always keeps at least
              one owner.
            </li>
          </ul>
        </Card>
      </div>
    </>
  );
}
