import { Card } from "@/components/card";
import { BrandColorForm } from "@/features/brand/brand-color-form";
import { BrandLogoForm } from "@/features/brand/brand-logo-form";
import { BrandPreview } from "@/features/brand/brand-preview";
import { BrandTheme } from "@/features/brand/brand-theme";
import { requireMember } from "@/server/http/require-member";
import { getBrandSettings } from "@/server/modules/tenants/brand-appearance.service";
import { MAX_IMAGE_BYTES } from "@/server/storage/store-image";
import { removeBrandLogoAction, updateBrandColorAction, uploadBrandLogoAction } from "./actions";
import { SettingsPageHeader } from "@/features/settings/settings-page-header";

export const metadata = { title: "Brand" };

export default async function BrandSettingsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { ctx, can } = await requireMember(slug, `/t/${slug}/settings/brand`);
  const brand = await getBrandSettings(ctx);
  const canWrite = can("settings:write");
  return (
    <>
      <BrandTheme appearance={brand} />
      <SettingsPageHeader slug={slug} title="Brand" description="Your brand's colour and logo, as customers see them in your rewards portal." />
      <div className="space-y-6">
        <Card title="Preview" headingLevel={2} className="max-w-3xl">
          <BrandPreview appearance={brand} />
        </Card>
        {canWrite ? (
          <>
            <Card title="Colour" headingLevel={2} className="max-w-3xl">
              <BrandColorForm tenantSlug={slug} color={brand.color} customColor={brand.customColor} action={updateBrandColorAction} />
            </Card>
            <Card title="Logo" headingLevel={2} className="max-w-3xl">
              <BrandLogoForm
                tenantSlug={slug}
                hasLogo={brand.logoUrl !== null}
                maxMegabytes={MAX_IMAGE_BYTES / 1024 / 1024}
                uploadAction={uploadBrandLogoAction}
                removeAction={removeBrandLogoAction}
              />
            </Card>
          </>
        ) : (
          <p className="max-w-3xl text-sm text-fg-muted">Only admins and the owner can change the brand&apos;s colour and logo.</p>
        )}
      </div>
    </>
  );
}
