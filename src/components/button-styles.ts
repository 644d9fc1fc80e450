import { cn } from "./cn";

/**
 * Shared button styling so <Button>, <ButtonLink> and <SubmitButton> look
 * identical whether they render a <button> or an <a>. Kept in a plain module
 * (no JSX, no "use client") so both server and client components can use it.
 */
export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";
export type ButtonSize = "sm" | "md" | "lg";

const base =
  "inline-flex items-center justify-center gap-2 whitespace-nowrap rounded-control font-medium " +
  "transition-colors duration-150 select-none " +
  // Disabled <button>s and aria-disabled links look inert and ignore the pointer.
  "disabled:cursor-not-allowed disabled:opacity-55 aria-disabled:cursor-not-allowed aria-disabled:opacity-55";

const variants: Record<ButtonVariant, string> = {
  primary: "bg-brand-600 text-white shadow-control hover:bg-brand-700 active:bg-brand-800 " + "disabled:hover:bg-brand-600",
  secondary:
    "border border-line bg-surface text-fg shadow-control hover:bg-surface-muted hover:border-zinc-300 " + "active:bg-zinc-200/70 disabled:hover:bg-surface",
  danger: "bg-red-600 text-white shadow-control hover:bg-red-700 active:bg-red-800 disabled:hover:bg-red-600",
  ghost: "text-fg-muted hover:bg-surface-muted hover:text-fg active:bg-zinc-200/70",
};

// Heights follow a 4px grid: 32 / 36 / 44. "lg" meets the 44px touch target.
const sizes: Record<ButtonSize, string> = {
  sm: "h-8 px-3 text-[13px]",
  md: "h-9 px-3.5 text-sm",
  lg: "h-11 px-5 text-[15px]",
};

export function buttonClasses(options: {
  variant?: ButtonVariant | undefined;
  size?: ButtonSize | undefined;
  fullWidth?: boolean | undefined;
  className?: string | undefined;
}): string {
  const { variant = "primary", size = "md", fullWidth = false, className } = options;
  return cn(base, variants[variant], sizes[size], fullWidth && "w-full", className);
}
