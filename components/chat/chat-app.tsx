"use client";

import type { Locale } from "@/components/i18n/dictionary";
import { LocaleProvider } from "@/components/i18n/locale-provider";
import { ChatScreen, type ChatScreenProps } from "./chat-screen";

/** The one client root the server page renders: the language context around the chat. */
export function ChatApp({ initialLocale, ...props }: ChatScreenProps & { initialLocale: Locale }) {
  return (
    <LocaleProvider initialLocale={initialLocale}>
      <ChatScreen {...props} />
    </LocaleProvider>
  );
}
