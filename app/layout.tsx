import type { Metadata } from "next";
import { cookies } from "next/headers";
import { Suspense, type ReactNode } from "react";
import { UserProvider } from "@/components/auth/user-context";
import { UserMenu } from "@/components/auth/user-menu";
import { Nav, type NavItem } from "@/components/ui/nav";
import { ThemeProvider, ThemeSwitch } from "@/components/ui/theme";
import { THEME_COOKIE, themeOf } from "@/lib/theme";
import { pageUser } from "@/server/auth/page-user";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "Underlay",
  description:
    "Where between eth0 on a node and eth0 in a pod are packets dropped or slowed, and what fixes it.",
  // An internal tool: no search engine should list it (public/robots.txt says the same).
  robots: { index: false, follow: false },
  manifest: "/manifest.webmanifest",
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "48x48" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: "/apple-touch-icon.png",
  },
};

const NAV: NavItem[] = [
  { href: "/", label: "Overview" },
  { href: "/topology", label: "Topology" },
  { href: "/mtu", label: "MTU" },
  { href: "/latency", label: "Latency" },
  { href: "/debug", label: "Debug pods" },
  { href: "/analyze", label: "Analyze" },
  { href: "/reports", label: "Reports" },
  { href: "/audit", label: "Audit", role: "admin" },
];

export default async function RootLayout({ children }: { children: ReactNode }) {
  const me = await pageUser();
  // Read on the server, so the page is drawn in the chosen theme from its first paint.
  const theme = themeOf((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" className={theme === "system" ? undefined : theme}>
      <body className="min-h-screen bg-slate-50 text-slate-900">
        <Providers>
          <ThemeProvider initial={theme}>
            <UserProvider me={me}>
              <header className="border-b border-slate-200 bg-white">
                <div className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-2">
                  <span className="font-semibold tracking-tight">Underlay</span>
                  <Suspense>
                    <Nav items={NAV} />
                  </Suspense>
                  <ThemeSwitch />
                  <UserMenu />
                </div>
              </header>
              <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
            </UserProvider>
          </ThemeProvider>
        </Providers>
      </body>
    </html>
  );
}
