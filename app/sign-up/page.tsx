import type { Metadata } from "next";
import { AuthShell } from "@/components/account/auth-shell";
import { PendingNotice } from "@/components/account/pending-notice";
import { SignUpForm } from "@/components/account/sign-up-form";
import { authPageContext } from "@/lib/auth/auth-page";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";
import { adminEmails } from "@/lib/auth/sign-up-policy";

// Accounts mode's sign-up page. With ADMIN_EMAILS unset it says how the first admin is chosen and
// to set ADMIN_EMAILS on any server others can reach.

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Create an account · 创建账户 — DeepSeek Chat" };

export default async function SignUpPage({
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
        <SignUpForm next={next} minPassword={MIN_PASSWORD_LENGTH} adminHint={adminEmails().length === 0} />
      )}
    </AuthShell>
  );
}
