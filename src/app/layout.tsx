import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Megaphone", template: "%s · Megaphone" },
  description: "Social CRM and customer advocacy: find, reward and grow the customers who talk about you.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: Next stamps its scripts with that request's CSP nonce
  // (src/proxy.ts), which a page prerendered at build time could not carry.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-dvh bg-canvas text-fg antialiased">{children}</body>
    </html>
  );
}
