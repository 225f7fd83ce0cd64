import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { parseAcceptLanguage, pickLocale } from "@/components/i18n/dictionary";
import { checkAccess } from "@/lib/http/access-code";
import { safeNextPath } from "@/lib/http/safe-next-path";
import { LoginScreen } from "./login-screen";

// Where proxy.ts sends a signed-out reader (`/login?next=/…`). Server side: a reader who needs no
// code, or already has the cookie, goes straight on; `next` is reduced to a path on this site.

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Access code · 访问码 — DeepSeek Chat" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  const next = safeNextPath((await searchParams).next);
  const requestHeaders = await headers();
  const access = checkAccess(requestHeaders);
  if (access === "open" || access === "granted") redirect(next);
  const initialLocale = pickLocale(parseAcceptLanguage(requestHeaders.get("accept-language")));
  return <LoginScreen initialLocale={initialLocale} next={next} />;
}
