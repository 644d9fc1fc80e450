import { cn } from "../cn";
import { MegaphoneIcon } from "../icons";

export interface BrandMarkProps {
  /** Hide the word mark, e.g. in a collapsed rail; the name stays available to screen readers. */
  iconOnly?: boolean;
  className?: string;
}

/** The Megaphone logo: an orange tile with the megaphone glyph, plus the name. */
export function BrandMark({ iconOnly = false, className }: BrandMarkProps) {
  return (
    <span className={cn("inline-flex items-center gap-2.5", className)}>
      <span className="flex size-7 items-center justify-center rounded-lg bg-linear-to-br from-brand-500 to-brand-600 text-white shadow-control ring-1 ring-brand-700/20 ring-inset">
        <MegaphoneIcon className="size-4 -rotate-12" />
      </span>
      <span className={cn("text-[15px] font-semibold tracking-tight text-fg", iconOnly && "sr-only")}>Megaphone</span>
    </span>
  );
}
