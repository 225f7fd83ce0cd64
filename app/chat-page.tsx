import { headers } from "next/headers";
import { ChatApp } from "@/components/chat/chat-app";
import type { HistoryLocation } from "@/components/chat/chat-persistence";
import { parseAcceptLanguage, pickLocale } from "@/components/i18n/dictionary";
import { signedInAccountOf } from "@/lib/auth/request-account";
import { loadConfig } from "@/lib/config";
import { storeConfig } from "@/lib/store/store-config";
import { searchAvailable } from "@/lib/web/web-search-config";

// Server side of the chat pages (`/` and `/c/<id>`): reads the configuration (never sent whole to
// the browser: only whether a key is set, which models may be chosen, whether web search is on
// offer, and where history lives) and renders the one client root. Nothing here opens the
// database: the page paints at once.

/** Where history lives: on the server when it has somewhere to keep it (PROTOCOL.md section 10). */
export function historyLocation(): HistoryLocation {
  return storeConfig() ? "server" : "browser";
}

export async function ChatPage({ conversationId }: { conversationId: string | null }) {
  const config = loadConfig();
  // The first paint in the reader's language; the client then applies a saved choice, if any.
  const requestHeaders = await headers();
  const initialLocale = pickLocale(parseAcceptLanguage(requestHeaders.get("accept-language")));
  // Accounts mode: who the proxy found signed in (no lookup of our own); only what the menu shows.
  const account = signedInAccountOf(requestHeaders);
  return (
    <ChatApp
      configured={config.apiKey !== undefined}
      models={config.models}
      defaultModel={config.defaultModel}
      contextWindows={config.contextWindows}
      searchAvailable={searchAvailable()}
      initialLocale={initialLocale}
      history={historyLocation()}
      conversationId={conversationId}
      account={account ? { name: account.name, email: account.email, role: account.role } : null}
    />
  );
}
