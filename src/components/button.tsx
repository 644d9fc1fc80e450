import type { ComponentPropsWithRef, ReactNode } from "react";
import { buttonClasses, type ButtonSize, type ButtonVariant } from "./button-styles";
import { SpinnerIcon } from "./icons";

export interface ButtonProps extends ComponentPropsWithRef<"button"> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Shows a spinner, disables the button and sets aria-busy. */
  loading?: boolean;
  /** An icon before the label (hidden while loading, the spinner takes its place). */
  icon?: ReactNode;
  fullWidth?: boolean;
}

/**
 * A native <button>. The `type` keeps the HTML default (submit) so a
 * <Button> inside a form submits it without JavaScript; pass type="button"
 * for buttons that only run client code. Server-renderable: no hooks.
 */
export function Button({ variant, size, loading = false, icon, fullWidth, disabled, className, children, ...props }: ButtonProps) {
  return (
    <button
      {...props}
      // A loading button must not be pressed twice (double submits).
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      className={buttonClasses({ variant, size, fullWidth, className })}
    >
      {loading ? <SpinnerIcon /> : icon}
      {children}
    </button>
  );
}
