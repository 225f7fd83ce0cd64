import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { Locale } from "@/components/i18n/dictionary";
import { parseAcceptLanguage, pickLocale } from "@/components/i18n/dictionary";
import { configuredAccessCode } from "@/lib/http/access-mode";
import { isAccountsMode } from "@/lib/http/auth-mode";
import { safeNextPath } from "@/lib/http/safe-next-path";
import { accountOf, type RequestAccount } from "./request-account";

// What the sign-in and sign-up pages read on the server: the mode (outside accounts mode they send
// the reader where that mode signs in), who the proxy found signed in, the language, and `next`
// reduced to a path on this site.

export interface AuthPageContext {
  locale: Locale;
  next: string;
  account: RequestAccount | undefined;
}

export async function authPageContext(
  searchParams: Promise<Record<string, unknown>>,
): Promise<AuthPageContext> {
  if (!isAccountsMode()) redirect(configuredAccessCode() ? "/login" : "/");
  const next = safeNextPath((await searchParams).next);
  const requestHeaders = await headers();
  // A key opens no page: a request with one is as signed out here (the proxy refuses it anyway).
  const found = accountOf(requestHeaders);
  const account = found?.via === "session" ? found : undefined;
  if (account?.status === "active") redirect(next);
  return {
    locale: pickLocale(parseAcceptLanguage(requestHeaders.get("accept-language"))),
    next,
    account,
  };
}
