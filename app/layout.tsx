import type { Metadata } from "next";
import { headers } from "next/headers";
import "./globals.css";
import { HydrationMark } from "@/components/hydration-mark";

export const metadata: Metadata = {
  title: { default: "NVQ e-portfolio", template: "%s – NVQ e-portfolio" },
  description: "Evidence, assessment and verification for competence-based qualifications.",
  // Static files in public/: the icon, the web app manifest, and robots.txt (which keeps the site
  // out of search engines; the meta tag says the same to any page that is reached anyway).
  icons: { icon: "/icon.svg" },
  manifest: "/manifest.webmanifest",
  robots: { index: false, follow: false },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request makes every page render per request, which the CSP nonce needs.
  await headers();
  return (
    <html lang="en-GB">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2"
        >
          Skip to main content
        </a>
        {children}
        <HydrationMark />
      </body>
    </html>
  );
}
