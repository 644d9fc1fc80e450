import Link from "next/link";
import type { ReactNode } from "react";
import { BrandMark } from "@/components/app-shell/brand-mark";

/** Sign-in, sign-up and invitation pages: one centred card on the canvas. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center px-4 py-12">
      <Link href="/" className="mb-8 rounded-control" aria-label="Megaphone home">
        <BrandMark />
      </Link>
      <main id="main-content" className="w-full max-w-md">
        {children}
      </main>
    </div>
  );
}
