import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { type Locale, parseAcceptLanguage, pickLocale } from "@/components/i18n/dictionary";
import { isShareId } from "@/lib/history/wire-share";
import { getStore } from "@/lib/store/get-store";
import type { SharedConversation } from "@/lib/store/share-repository";

// What a share page reads: the link's copy (once per request, for the page and its metadata), and
// the reader's language. No owner: the id is the whole permission.

export const loadShare = cache(async (id: string): Promise<SharedConversation | undefined> => {
  if (!isShareId(id)) return undefined;
  const store = await getStore();
  return store?.shares.getShare(id);
});

export async function readerLocale(): Promise<Locale> {
  return pickLocale(parseAcceptLanguage((await headers()).get("accept-language")));
}
