import { SubmitButton } from "@/components/submit-button";

/** A plain form: works without JavaScript, and the action redirects to sign-in. */
export function SignOutEverywhereForm({ action }: { action: () => Promise<void> }) {
  return (
    <form action={action}>
      <SubmitButton variant="danger" pendingLabel="Signing out…">
        Sign out everywhere
      </SubmitButton>
    </form>
  );
}
