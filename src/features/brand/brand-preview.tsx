import type { BrandAppearanceDto } from "@/server/modules/tenants/brand-appearance.schemas";

/** How the brand's portal header will look: its logo and name on its colour, in the readable text colour. */
export function BrandPreview({ appearance }: { appearance: BrandAppearanceDto }) {
  return (
    <div className="space-y-2">
      <div
        data-brand-theme
        data-testid="brand-preview"
        className="flex min-h-20 items-center gap-4 rounded-lg bg-[var(--brand-color)] px-5 py-4 text-[var(--brand-text)]"
      >
        {appearance.logoUrl ? (
          // A plain <img>: the file is already the size it was uploaded at, served from /media with long caching.
          // eslint-disable-next-line @next/next/no-img-element
          <img
            src={appearance.logoUrl}
            alt={`${appearance.name} logo`}
            className="h-12 w-auto max-w-32 shrink-0 rounded bg-white object-contain p-1"
            data-testid="brand-logo"
          />
        ) : null}
        <span className="min-w-0 text-lg font-semibold break-words">{appearance.name}</span>
      </div>
      <p className="text-sm text-fg-muted">
        Colour <code>{appearance.color}</code>, text <code>{appearance.textColor === "#ffffff" ? "white" : "black"}</code> on it: contrast{" "}
        <span data-testid="brand-contrast">{appearance.contrast.toFixed(2)}</span>:1 (WCAG AA needs 4.5:1).
      </p>
    </div>
  );
}
