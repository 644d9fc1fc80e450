import type { ReactNode } from "react";
import { cn } from "./cn";
import { CheckCircleIcon, ErrorIcon, InfoIcon, WarningIcon } from "./icons";

export type AlertTone = "info" | "success" | "warning" | "danger";

export interface AlertProps {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  /** Buttons or links, under the text. */
  action?: ReactNode;
  /**
   * Live-region role. Default: "alert" for danger (announced at once),
   * "status" for the others (announced politely). Pass "none" for a static
   * notice that is part of the page from the start.
   */
  role?: "alert" | "status" | "none";
  className?: string;
}

const tones: Record<AlertTone, { box: string; icon: string; Icon: typeof InfoIcon }> = {
  info: { box: "border-sky-200 bg-sky-50 text-sky-900", icon: "text-sky-600", Icon: InfoIcon },
  success: {
    box: "border-emerald-200 bg-emerald-50 text-emerald-900",
    icon: "text-emerald-600",
    Icon: CheckCircleIcon,
  },
  warning: {
    box: "border-amber-200 bg-amber-50 text-amber-900",
    icon: "text-amber-600",
    Icon: WarningIcon,
  },
  danger: { box: "border-red-200 bg-red-50 text-red-900", icon: "text-red-600", Icon: ErrorIcon },
};

/** An inline message box: a notice, a success after a save, a warning. */
export function Alert({ tone = "info", title, children, action, role, className }: AlertProps) {
  const { box, icon, Icon } = tones[tone];
  const resolvedRole = role ?? (tone === "danger" ? "alert" : "status");
  return (
    <div role={resolvedRole === "none" ? undefined : resolvedRole} className={cn("flex gap-3 rounded-control border px-4 py-3 text-sm", box, className)}>
      <Icon className={cn("mt-0.5 size-4 shrink-0", icon)} />
      <div className="min-w-0 space-y-1">
        {title && <p className="font-medium">{title}</p>}
        {children && <div className="opacity-90 [&_a]:font-medium [&_a]:underline">{children}</div>}
        {action && <div className="flex flex-wrap gap-2 pt-2">{action}</div>}
      </div>
    </div>
  );
}
