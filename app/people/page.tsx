import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { PeopleScreen } from "@/components/account/people-screen";
import { parseAcceptLanguage, pickLocale } from "@/components/i18n/dictionary";
import { signedInAccountOf } from "@/lib/auth/request-account";

// The admin's list of accounts (accounts mode). Anyone else finds nothing here, as at any unknown
// address; the API behind it (/api/people) checks again.

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "People · 成员 — DeepSeek Chat" };

export default async function PeoplePage() {
  const requestHeaders = await headers();
  const account = signedInAccountOf(requestHeaders);
  if (account?.role !== "admin") notFound();
  const locale = pickLocale(parseAcceptLanguage(requestHeaders.get("accept-language")));
  return <PeopleScreen initialLocale={locale} selfId={account.id} />;
}
