import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { AdminScreen } from "@/components/admin/admin-screen";
import { parseAcceptLanguage, pickLocale } from "@/components/i18n/dictionary";
import { signedInAccountOf } from "@/lib/auth/request-account";

// The admin page (accounts mode, PROTOCOL.md section 18). Anyone else finds nothing here, as at
// any unknown address; every API behind it (/api/people, /api/admin/*) checks again.

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Admin · 管理 — DeepSeek Chat" };

export default async function AdminPage() {
  const requestHeaders = await headers();
  const account = signedInAccountOf(requestHeaders);
  if (account?.role !== "admin") notFound();
  const locale = pickLocale(parseAcceptLanguage(requestHeaders.get("accept-language")));
  return <AdminScreen initialLocale={locale} selfId={account.id} />;
}
