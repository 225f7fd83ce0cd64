"use client";

import { AccountProvider, type SignedInAccount } from "@/components/account/account-context";
import type { Locale } from "@/components/i18n/dictionary";
import { LocaleProvider, useT } from "@/components/i18n/locale-provider";
import type { HistoryLocation } from "./chat-persistence";
import { ChatScreen, type ChatScreenProps } from "./chat-screen";
import { usePersistentChat } from "./use-persistent-chat";
import { useServerChat } from "./use-server-chat";

interface ChatAppProps extends ChatScreenProps {
  initialLocale: Locale;
  /** Where history lives: on the server when it has a store, else in this browser. */
  history: HistoryLocation;
  /** The conversation in the URL (`/c/<id>`); null for `/`, a new chat. */
  conversationId: string | null;
  /** In accounts mode, who is signed in (the sidebar's account menu). */
  account?: SignedInAccount | null;
}

/** The one client root the server pages render: the language and account contexts around the chat. */
export function ChatApp({ initialLocale, history, conversationId, account = null, ...props }: ChatAppProps) {
  return (
    <LocaleProvider initialLocale={initialLocale}>
      <AccountProvider account={account}>
        {history === "server" ? (
          <ServerChat {...props} conversationId={conversationId} />
        ) : (
          <BrowserChat {...props} />
        )}
      </AccountProvider>
    </LocaleProvider>
  );
}

function ServerChat({ conversationId, ...props }: ChatScreenProps & { conversationId: string | null }) {
  return <ChatScreen {...props} persistence={useServerChat(conversationId)} />;
}

function BrowserChat(props: ChatScreenProps) {
  const t = useT();
  return <ChatScreen {...props} persistence={usePersistentChat(t.newChat)} />;
}
