"use client";

import { useEffect, useState } from "react";
import { useLocale } from "@/components/i18n/locale-provider";

// A moment in the reader's language and time zone. The server knows neither zone, so its HTML says
// UTC and the browser puts the reader's own zone in once it runs.

function formatTime(ms: number, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en", {
    dateStyle: "medium",
    timeStyle: "short",
    ...(timeZone ? { timeZone } : {}),
  }).format(ms);
}

export function LocalTime({
  ms,
  render = (text) => text,
}: {
  ms: number;
  render?: (text: string) => string;
}) {
  const { locale } = useLocale();
  const [zone, setZone] = useState<string | undefined>("UTC");
  useEffect(() => setZone(undefined), []);
  return (
    <time dateTime={new Date(ms).toISOString()} suppressHydrationWarning>
      {render(formatTime(ms, locale, zone))}
    </time>
  );
}
