import Link from "next/link";
import { BrandMark } from "@/components/app-shell/brand-mark";
import { ButtonLink } from "@/components/button-link";
import { landingTenantSlug } from "@/server/auth/membership";
import { localRedirect } from "@/server/http/local-redirect";
import { getSessionUser } from "@/server/http/session";

/** Signed in: straight to the last brand. Signed out: what Megaphone is, and the way in. */
export default async function HomePage() {
  const user = await getSessionUser();
  if (user) {
    const slug = await landingTenantSlug(user.id);
    if (slug) localRedirect(`/t/${slug}`);
  }
  return (
    <div className="mx-auto flex min-h-dvh max-w-3xl flex-col justify-center px-6 py-16">
      <BrandMark />
      <main id="main-content" className="mt-10">
        <h1 className="text-4xl font-semibold tracking-tight text-fg sm:text-5xl">Know who really talks about you.</h1>
        <p className="mt-4 text-lg text-fg-muted">
          Megaphone keeps your customers in one CRM, listens to what they say on X and Foursquare, rewards every mention by how far it travels, and shows you
          your real advocates.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <ButtonLink href="/signup" size="lg">
            Create an account
          </ButtonLink>
          <ButtonLink href="/signin" size="lg" variant="secondary">
            Sign in
          </ButtonLink>
        </div>
        <p className="mt-10 text-sm text-fg-subtle">
          Integrators: the REST API lives under /api/v1;{" "}
          <Link className="underline" href="/docs/api">
            read its reference
          </Link>
          .
        </p>
      </main>
    </div>
  );
}
