import { headers } from "next/headers";
import { ChatApp } from "@/components/chat/chat-app";
import { parseAcceptLanguage, pickLocale } from "@/components/i18n/dictionary";
import { loadConfig } from "@/lib/config";

// Server side of the chat page: reads the configuration (never sent whole to the browser: only
// whether a key is set and which models may be chosen) and renders the one client root.

export const dynamic = "force-dynamic";

export default async function Home() {
  const config = loadConfig();
  // The first paint in the reader's language; the client then applies a saved choice, if any.
  const initialLocale = pickLocale(parseAcceptLanguage((await headers()).get("accept-language")));
  return (
    <ChatApp
      configured={config.apiKey !== undefined}
      models={config.models}
      defaultModel={config.defaultModel}
      initialLocale={initialLocale}
    />
  );
}
