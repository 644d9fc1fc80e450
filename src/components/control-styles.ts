import { cn } from "./cn";

/**
 * Shared look of text-like controls (input, textarea, select): one border,
 * focus and error treatment everywhere. The border uses line-strong (3.2:1)
 * so the field's edge meets WCAG 1.4.11 non-text contrast; aria-invalid
 * switches it to red, so the error state needs no extra prop plumbing.
 * Focus = brand border + a soft 3px halo outside it (replacing the global
 * offset ring, which would float awkwardly off a text field).
 */
export function controlClasses(className?: string): string {
  return cn(
    "block w-full rounded-control border border-line-strong bg-surface text-sm text-fg shadow-control",
    "placeholder:text-fg-subtle",
    "transition-[border-color,outline-color] hover:border-zinc-500",
    // outline-hidden (not outline-none) keeps a real outline in Windows
    // high-contrast mode, where the box-shadow ring is not painted.
    "focus-visible:border-brand-600 focus-visible:outline-hidden focus-visible:ring-3 focus-visible:ring-brand-600/25",
    "aria-invalid:border-red-600 aria-invalid:focus-visible:border-red-600 aria-invalid:focus-visible:ring-red-600/30",
    "disabled:cursor-not-allowed disabled:border-line disabled:bg-surface-muted disabled:text-fg-subtle",
    className,
  );
}
