import { signIn } from "next-auth/react";
import type { useRouter } from "next/navigation";
import { safeRedirectPath } from "@/server/http/safe-redirect";

type Router = ReturnType<typeof useRouter>;

/**
 * After an account was created (sign-up confirmed, invitation accepted): sign in with the
 * password just chosen and open the brand. If the sign-in is refused (e.g. a lock), the person
 * lands on the sign-in page with the email filled in rather than on a page that needs a session.
 */
export async function signInAndOpenBrand(router: Router, email: string, password: string, tenantSlug: string): Promise<void> {
  const signedIn = await signIn("credentials", { email, password, redirect: false });
  if (signedIn?.error) {
    router.push(`/signin?email=${encodeURIComponent(email)}`);
    return;
  }
  router.push(safeRedirectPath(`/t/${tenantSlug}`, window.location.origin));
  router.refresh();
}
