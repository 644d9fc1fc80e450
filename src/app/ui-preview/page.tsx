import { AppShell } from "@/components/app-shell/app-shell";
import { SidebarNav } from "@/components/app-shell/sidebar-nav";
import { TenantSwitcher } from "@/components/app-shell/tenant-switcher";
import { UserMenu } from "@/components/app-shell/user-menu";
import { MenuItemLink } from "@/components/app-shell/menu-item-link";
import { Alert } from "@/components/alert";
import { Badge } from "@/components/badge";
import { Button } from "@/components/button";
import { ButtonLink } from "@/components/button-link";
import { Card } from "@/components/card";
import { Checkbox } from "@/components/checkbox";
import { ComingSoon } from "@/components/coming-soon";
import { DataTable } from "@/components/data-table";
import { EmptyState } from "@/components/empty-state";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import * as I from "@/components/icons";
import { Input } from "@/components/input";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { SearchForm } from "@/components/search-form";
import { Select } from "@/components/select";
import { StatCard } from "@/components/stat-card";
import { SubmitButton } from "@/components/submit-button";
import { Textarea } from "@/components/textarea";

async function signOut() {
  "use server";
}

type Customer = { id: string; name: string; handle: string; status: "active" | "paused"; points: number };
const rows: Customer[] = [
  { id: "1", name: "Ada Lovelace", handle: "@ada", status: "active", points: 1240 },
  { id: "2", name: "Grace Hopper", handle: "@grace", status: "paused", points: 310 },
  { id: "3", name: "Katherine Johnson", handle: "@kj", status: "active", points: 98 },
];

export default function Preview() {
  return (
    <AppShell
      brandHref="/ui-preview"
      sidebar={
        <>
          <TenantSwitcher
            currentSlug="acme"
            createHref="/ui-preview/new"
            tenants={[
              { slug: "acme", name: "Acme Coffee", role: "OWNER", href: "/ui-preview" },
              { slug: "globex", name: "Globex", role: "member" },
            ]}
          />
          <SidebarNav
            items={[
              { href: "/ui-preview", label: "Overview", icon: <I.HomeIcon />, exact: true },
              { href: "/ui-preview/mentions", label: "Mentions", icon: <I.AtSignIcon />, badge: <Badge tone="brand">12</Badge> },
              { href: "/ui-preview/customers", label: "Customers", icon: <I.UsersIcon /> },
              { href: "/ui-preview/advocates", label: "Advocates", icon: <I.TrophyIcon /> },
              { href: "/ui-preview/campaigns", label: "Campaigns", icon: <I.MegaphoneIcon /> },
              { href: "/ui-preview/rewards", label: "Rewards", icon: <I.GiftIcon /> },
            ]}
          />
          <SidebarNav heading="Workspace" items={[{ href: "/ui-preview/settings", label: "Settings", icon: <I.SettingsIcon /> }]} />
        </>
      }
      topBarStart={<SearchForm action="/ui-preview" label="Search customers" placeholder="Search customers…" />}
      topBar={
        <UserMenu name="Jane Marketer" email="jane@acme.test" signOutAction={signOut} links={[{ href: "/ui-preview/account", label: "Account", icon: <I.SettingsIcon /> }]}>
          <MenuItemLink href="/ui-preview/help" icon={<I.InfoIcon />}>Help</MenuItemLink>
        </UserMenu>
      }
    >
      <PageHeader
        eyebrow="Acme Coffee"
        title="Overview"
        description="How your community talked about you this week, and who is leading the way."
        actions={<><ButtonLink href="/ui-preview" variant="secondary">Export</ButtonLink><ButtonLink href="/ui-preview" icon={<I.PlusIcon />}>New campaign</ButtonLink></>}
      />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label="Mentions" value="1,284" hint="Last 7 days" icon={<I.AtSignIcon />} />
        <StatCard label="Advocates" value="86" hint="+4 since Monday" icon={<I.TrophyIcon />} />
        <StatCard label="Points awarded" value="12,400" icon={<I.StarIcon />} />
        <StatCard label="Rewards redeemed" value="17" hint="3 pending" icon={<I.GiftIcon />} />
      </div>

      <div className="mt-8 flex flex-wrap gap-2">
        <Button>Primary</Button><Button variant="secondary">Secondary</Button><Button variant="danger">Delete</Button><Button variant="ghost">Ghost</Button>
        <Button loading>Saving</Button><Button size="sm" variant="secondary">Small</Button><Button size="lg">Large</Button><Button disabled>Disabled</Button>
      </div>
      <div className="mt-4 flex flex-wrap gap-2">
        <Badge>Neutral</Badge><Badge tone="success" dot>Active</Badge><Badge tone="warning" dot>Pending</Badge><Badge tone="danger" dot>Failed</Badge><Badge tone="info">Info</Badge><Badge tone="brand">Brand</Badge>
      </div>

      <div className="mt-8 grid gap-6 lg:grid-cols-2">
        <Card title="New customer" description="Add someone you already know." footer={<><Button variant="ghost" type="button">Cancel</Button><SubmitButton pendingLabel="Saving…">Save customer</SubmitButton></>}>
          <form className="space-y-4">
            <FormError title="We couldn't save this customer" errors={["You don't have permission to add customers."]} />
            <Field label="Full name" required hint="As it should appear in the leaderboard."><Input name="name" defaultValue="Ada" /></Field>
            <Field label="Email" error="That email is already used by another customer."><Input name="email" type="email" defaultValue="ada@acme.test" /></Field>
            <Field label="Tier">{(p) => <Select {...p} name="tier" placeholder="Choose a tier…" options={[{ value: "gold", label: "Gold" }, { value: "silver", label: "Silver" }]} />}</Field>
            <Field label="Notes"><Textarea name="notes" placeholder="Anything the team should know" /></Field>
            <Checkbox name="consent" label="Customer agreed to be contacted" description="Needed before sending reward emails." />
            <Checkbox name="x" label="With error" error="You must accept." />
            <Field label="Disabled"><Input disabled defaultValue="read only" /></Field>
          </form>
        </Card>
        <div className="space-y-4">
          <Alert tone="info" title="Sandbox mode">Posts go to the local social sandbox, not the real network. <a href="#">Learn more</a></Alert>
          <Alert tone="success" title="Campaign saved" />
          <Alert tone="warning" title="Twitter connection expires in 3 days" action={<Button size="sm" variant="secondary">Reconnect</Button>}>Reconnect to keep mentions flowing.</Alert>
          <Alert tone="danger" title="Sync failed">The provider rejected the token.</Alert>
          <Card title="Recent activity" actions={<ButtonLink href="/ui-preview" size="sm" variant="ghost">View all</ButtonLink>} flush>
            <EmptyState headingLevel={3} icon={<I.InboxIcon />} title="No mentions yet" description="Connect a social account and new mentions of your brand will show up here." action={<ButtonLink href="/ui-preview" icon={<I.PlusIcon />}>Connect account</ButtonLink>} />
          </Card>
        </div>
      </div>

      <h2 className="mt-10 mb-3 text-lg font-semibold">Customers</h2>
      <DataTable<Customer>
        caption="Customers"
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { key: "name", header: "Name", rowHeader: true, cell: (r) => <span>{r.name}<span className="block text-xs font-normal text-fg-subtle">{r.handle}</span></span> },
          { key: "status", header: "Status", cell: (r) => <Badge dot tone={r.status === "active" ? "success" : "neutral"}>{r.status === "active" ? "Active" : "Paused"}</Badge> },
          { key: "points", header: "Points", align: "right", cell: (r) => r.points.toLocaleString("en-US"), className: "tabular-nums" },
          { key: "since", header: "Joined", hideBelow: "md", cell: () => "Mar 4, 2026" },
        ]}
      />
      <Pagination page={2} pageSize={20} total={132} hrefForPage={(p) => `/ui-preview?page=${p}`} noun="customers" />
      <Pagination page={1} pageSize={20} total={132} hrefForPage={(p) => `/ui-preview?page=${p}`} label="First page" />
      <DataTable<Customer> caption="Empty" rows={[]} rowKey={(r) => r.id} columns={[]} empty={<EmptyState icon={<I.UsersIcon />} title="No customers match “zzz”" description="Try a different search." />} />

      <div className="mt-10">
        <ComingSoon title="Rewards" description="A catalogue of rewards advocates can redeem with their points." capabilities={["Create rewards with a point cost and stock", "Approve or reject redemption requests", "See each advocate's balance and history"]} />
      </div>
    </AppShell>
  );
}
