"use client";

import type { Locale } from "@/components/i18n/dictionary";
import { LocaleProvider, useT } from "@/components/i18n/locale-provider";
import { SharePageFrame } from "./share-page-frame";

/** A share link that was revoked, or never was: the 404 page of `/s/<id>`. */
export function ShareGone({ initialLocale }: { initialLocale: Locale }) {
  return (
    <LocaleProvider initialLocale={initialLocale}>
      <SharePageFrame>
        <GoneNotice />
      </SharePageFrame>
    </LocaleProvider>
  );
}

function GoneNotice() {
  const t = useT();
  return (
    <div data-testid="share-gone" className="pt-[12vh] text-center">
      <h1 className="font-semibold text-2xl">{t.shareGoneTitle}</h1>
      <p className="mt-2 text-neutral-600 dark:text-neutral-400">{t.shareGone}</p>
    </div>
  );
}
