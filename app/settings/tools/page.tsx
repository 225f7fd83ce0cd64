import type { Metadata } from "next";
import { headers } from "next/headers";
import { parseAcceptLanguage, pickLocale } from "@/components/i18n/dictionary";
import { ToolsScreen } from "@/components/settings/tools-screen";

// Tool settings (PROTOCOL.md section 25): the proxy lets in whoever may use the chat; the APIs
// behind the page (/api/tools, /api/tools/settings) check again.

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Tools · 工具 — DeepSeek Chat" };

export default async function ToolsPage() {
  const requestHeaders = await headers();
  const locale = pickLocale(parseAcceptLanguage(requestHeaders.get("accept-language")));
  return <ToolsScreen initialLocale={locale} />;
}
