import Link from "next/link";
import { PageHeader, type PageHeaderProps } from "@/components/page-header";

/** A settings screen's header: its title under a link back to Settings. */
export function SettingsPageHeader({ slug, ...header }: Omit<PageHeaderProps, "eyebrow"> & { slug: string }) {
  return (
    <PageHeader
      {...header}
      eyebrow={
        <Link href={`/t/${slug}/settings`} className="hover:underline">
          Settings
        </Link>
      }
    />
  );
}
