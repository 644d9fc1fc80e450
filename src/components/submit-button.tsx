"use client";

import { useFormStatus } from "react-dom";
import { Button, type ButtonProps } from "./button";

export interface SubmitButtonProps extends Omit<ButtonProps, "type" | "loading"> {
  /** Announced label while the form is submitting, e.g. "Saving…". */
  pendingLabel?: string;
}

/**
 * A submit button that shows the loading state by itself while its parent
 * <form action={serverAction}> is pending (React's useFormStatus), so pages
 * do not need client state for it. Without JavaScript it is a plain submit.
 */
export function SubmitButton({ pendingLabel, children, ...props }: SubmitButtonProps) {
  const { pending } = useFormStatus();
  return (
    <Button {...props} type="submit" loading={pending}>
      {pending && pendingLabel ? pendingLabel : children}
    </Button>
  );
}
