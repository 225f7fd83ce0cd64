import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { ThemeScript } from "@/components/theme/theme-script";
import { NONCE_HEADER } from "@/lib/http/content-security-policy";
import { storeConfig } from "@/lib/store/store-config";
import "./globals.css";

export const metadata: Metadata = {
  title: "DeepSeek Chat",
  description: "Chat with DeepSeek: reasoning, MCP tool calls and answers as they stream.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  // Phones' browser chrome follows the page: light or dark.
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0a0a0a" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // proxy.ts gives every page request a fresh CSP nonce; reading it also makes every page, the
  // not-found page included, render per request, as a nonce requires (Next's own scripts get it
  // from the request's CSP header).
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  // Where history lives (PROTOCOL.md section 10), from the configuration: no database is opened
  // to render a page.
  const history = storeConfig() ? "server" : "browser";
  return (
    // The inline script sets `class` and `lang` before hydration; React must not "fix" them back.
    <html lang="en" data-history={history} suppressHydrationWarning>
      <head>
        <ThemeScript nonce={nonce} />
      </head>
      <body className="bg-white font-sans text-neutral-900 antialiased dark:bg-neutral-950 dark:text-neutral-100">
        {children}
      </body>
    </html>
  );
}
