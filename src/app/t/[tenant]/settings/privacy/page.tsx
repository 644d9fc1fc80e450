import Link from "next/link";
import { Card } from "@/components/card";
import { PrivacyPolicyForm } from "@/features/privacy/privacy-policy-form";
import { requireMember } from "@/server/http/require-member";
import { getPrivacySettings } from "@/server/modules/privacy/privacy-settings.service";
import { updatePrivacyPolicyAction } from "./actions";
import { SettingsPageHeader } from "@/features/settings/settings-page-header";

export const metadata = { title: "Privacy" };

const count = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

export default async function PrivacySettingsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { ctx, can } = await requireMember(slug, `/t/${slug}/settings/privacy`);
  const privacy = await getPrivacySettings(ctx);
  const link = "text-brand-700 underline";
  return (
    <>
      <SettingsPageHeader
        slug={slug}
        title="Privacy"
        description="What your customers agree to, where your own policy is, and how their data is exported and erased."
      />
      <div className="space-y-6">
        <Card title="What customers agree to" description={`Program terms, version ${privacy.terms.version}`} headingLevel={2} className="max-w-3xl">
          <div className="space-y-4 text-sm">
            <ul className="list-disc space-y-1 pl-5" data-testid="program-terms">
              {privacy.terms.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            <p className="text-fg-muted">
              Customers accept these when they join your portal; the version is recorded with each acceptance, so a later wording never changes what an earlier
              customer agreed to. Linking a social account asks separately whether you may post for them.
            </p>
            <dl className="grid gap-3 sm:grid-cols-2" data-testid="consent-figures">
              <div>
                <dt className="text-fg-muted">Acceptances that stand</dt>
                <dd className="font-medium">
                  {privacy.acceptances.length === 0
                    ? "None yet"
                    : privacy.acceptances.map((a) => (
                        <span key={a.version} className="block">
                          {count(a.customers, "customer", "customers")} on {a.version}
                        </span>
                      ))}
                </dd>
              </div>
              <div>
                <dt className="text-fg-muted">Allow posting for them</dt>
                <dd className="font-medium">{count(privacy.postingAllowedCustomers, "customer", "customers")}</dd>
              </div>
            </dl>
          </div>
        </Card>
        <Card title="Your privacy policy" headingLevel={2} className="max-w-3xl">
          <div className="space-y-4 text-sm">
            <p className="text-fg-muted">A link to your own policy under every page of your rewards portal, the join page included.</p>
            {can("settings:write") ? (
              <PrivacyPolicyForm tenantSlug={slug} url={privacy.privacyPolicyUrl} action={updatePrivacyPolicyAction} />
            ) : (
              <p data-testid="policy-link">
                {privacy.privacyPolicyUrl ? <span className="break-all">{privacy.privacyPolicyUrl}</span> : "No link is set."} Only admins and the owner can
                change it.
              </p>
            )}
          </div>
        </Card>
        <Card title="Export and erasure" headingLevel={2} className="max-w-3xl">
          <div className="space-y-3 text-sm">
            <p>
              <strong>Customers</strong> download everything you hold about them, or erase their account, from the account page of your portal.
            </p>
            <p>
              <strong>Your team</strong> does the same from a customer&apos;s page (Export data, Erase), and other systems through the API (
              <Link className={link} href="/docs/api">
                customer export and erase
              </Link>
              ). Erasure removes names, emails, handles and post text, ends the customer&apos;s portal sessions and consents, and keeps the ledger&apos;s
              amounts, so your points totals still add up.
            </p>
            <p data-testid="privacy-acts">
              In the last 30 days: {count(privacy.last30Days.erasures, "customer erased", "customers erased")},{" "}
              {count(privacy.last30Days.exportsByStaffOrApi, "export by your team or the API", "exports by your team or the API")}.
              {can("audit:read") && (
                <>
                  {" "}
                  <Link className={link} href={`/t/${slug}/settings/audit?what=customer`}>
                    Each one is in the audit log
                  </Link>
                  .
                </>
              )}
            </p>
          </div>
        </Card>
      </div>
    </>
  );
}
