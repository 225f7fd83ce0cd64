import type { Metadata } from "next";
import { AuthShell } from "@/components/account/auth-shell";
import { PendingNotice } from "@/components/account/pending-notice";
import { SignInForm } from "@/components/account/sign-in-form";
import { ProviderButtons } from "@/components/auth/provider-buttons";
import { authPageContext } from "@/lib/auth/auth-page";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";
import { enabledSignInButtons } from "@/lib/auth/sign-in-buttons";

// Where proxy.ts sends a signed-out browser in accounts mode (`/sign-in?next=/…`), and a pending
// or disabled account, which sees its state here instead of the form.

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Sign in · 登录 — DeepSeek Chat" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  const { locale, next, account } = await authPageContext(searchParams);
  return (
    <AuthShell initialLocale={locale}>
      {account && account.status !== "active" ? (
        <PendingNotice email={account.email} status={account.status} />
      ) : (
        <div className="flex w-full max-w-sm flex-col">
          <SignInForm next={next} minPassword={MIN_PASSWORD_LENGTH} />
          <ProviderButtons buttons={enabledSignInButtons(process.env)} callbackURL={next} />
        </div>
      )}
    </AuthShell>
  );
}
