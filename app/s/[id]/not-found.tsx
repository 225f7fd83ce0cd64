import { ShareGone } from "@/components/share/share-gone";
import { readerLocale } from "./load-share";

// A revoked or unknown share link: 404, said in the reader's language.

export default async function ShareNotFound() {
  return <ShareGone initialLocale={await readerLocale()} />;
}
