import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";
import { buttonClasses, type ButtonSize, type ButtonVariant } from "./button-styles";

export interface ButtonLinkProps extends ComponentProps<typeof Link> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  icon?: ReactNode;
  fullWidth?: boolean;
}

/**
 * A next/link styled as a button, for actions that are navigation
 * ("New campaign" opening a form page). Keep it a link, not a button, so
 * open-in-new-tab and the browser's history work.
 */
export function ButtonLink({ variant, size, icon, fullWidth, className, children, ...props }: ButtonLinkProps) {
  return (
    <Link {...props} className={buttonClasses({ variant, size, fullWidth, className })}>
      {icon}
      {children}
    </Link>
  );
}
