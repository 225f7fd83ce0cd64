"use client";

import { AuthShell } from "@/components/account/auth-shell";
import type { Locale } from "@/components/i18n/dictionary";
import { LoginForm } from "./login-form";

/** The login page's client root: the sign-in pages' shell (language and its switcher) around the form. */
export function LoginScreen({ initialLocale, next }: { initialLocale: Locale; next: string }) {
  return (
    <AuthShell initialLocale={initialLocale}>
      <LoginForm next={next} />
    </AuthShell>
  );
}
