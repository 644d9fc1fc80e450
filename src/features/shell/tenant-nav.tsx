import { SidebarNav, type SidebarNavItem } from "@/components/app-shell/sidebar-nav";
import {
  AtSignIcon,
  ChartIcon,
  GiftIcon,
  HomeIcon,
  InboxIcon,
  MegaphoneIcon,
  SettingsIcon,
  SparkleIcon,
  StarIcon,
  TrophyIcon,
  UsersIcon,
} from "@/components/icons";

export function tenantNavItems(slug: string): SidebarNavItem[] {
  const base = `/t/${slug}`;
  return [
    { href: base, label: "Overview", icon: <HomeIcon />, exact: true },
    { href: `${base}/inbox`, label: "Inbox", icon: <InboxIcon /> },
    { href: `${base}/customers`, label: "Customers", icon: <UsersIcon /> },
    { href: `${base}/prospects`, label: "Prospects", icon: <AtSignIcon /> },
    { href: `${base}/locations`, label: "Locations", icon: <StarIcon /> },
    { href: `${base}/segments`, label: "Segments", icon: <SparkleIcon /> },
    { href: `${base}/advocates`, label: "Advocates", icon: <TrophyIcon /> },
    { href: `${base}/campaigns`, label: "Campaigns", icon: <MegaphoneIcon /> },
    { href: `${base}/rewards`, label: "Rewards", icon: <GiftIcon /> },
    { href: `${base}/ledger`, label: "Ledger", icon: <ChartIcon /> },
    { href: `${base}/settings`, label: "Settings", icon: <SettingsIcon /> },
  ];
}

export function TenantNav({ slug }: { slug: string }) {
  return <SidebarNav items={tenantNavItems(slug)} label="Brand" />;
}
