"use client";

import { type FormEvent, useState } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { type AccountFailure, signInWithPassword, signUpWithPassword } from "@/lib/chat-client/account-api";
import { failureText } from "./failure-text";
import { CARD, CardTitle, Field, FormError, SubmitButton } from "./form-parts";

interface SignUpFormProps {
  next: string;
  minPassword: number;
  /** ADMIN_EMAILS is unset: say how the first admin is chosen, and what to set instead. */
  adminHint: boolean;
}

/**
 * Sign-up answers alike whether the address was free or taken (no account enumeration), so the
 * page then signs in with what was typed: a new account gets in (or waits for approval); a taken
 * address gets the sign-in failure, which says nothing about who holds it.
 */
export function SignUpForm({ next, minPassword, adminHint }: SignUpFormProps) {
  const t = useT();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AccountFailure | "signInAfter" | undefined>();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    if (password.length < minPassword) {
      setFailure({ kind: "passwordTooShort" });
      return;
    }
    setBusy(true);
    setFailure(undefined);
    const made = await signUpWithPassword(name.trim() || email.trim(), email.trim(), password);
    if (!made.ok) {
      setFailure(made.failure);
      setBusy(false);
      return;
    }
    const signedIn = await signInWithPassword(email.trim(), password);
    if (signedIn.ok) {
      window.location.replace(next);
      return;
    }
    setFailure(signedIn.failure.kind === "wrongCredentials" ? "signInAfter" : signedIn.failure);
    setBusy(false);
  };

  const message =
    failure === "signInAfter" ? t.signUpThenSignInFailed : failure && failureText(failure, t, minPassword);
  return (
    <form onSubmit={submit} data-testid="sign-up-form" aria-labelledby="sign-up-title" className={CARD}>
      <CardTitle id="sign-up-title" title={t.signUpTitle} intro={t.signUpIntro} />
      <Field
        id="name"
        label={t.nameLabel}
        autoComplete="name"
        data-testid="name-input"
        value={name}
        onChange={(event) => setName(event.target.value)}
      />
      <Field
        id="email"
        label={t.emailLabel}
        type="email"
        autoComplete="email"
        required
        data-testid="email-input"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <Field
        id="password"
        label={t.passwordLabel}
        type="password"
        autoComplete="new-password"
        required
        minLength={minPassword}
        data-testid="password-input"
        hint={t.passwordRules(minPassword)}
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      {message && <FormError text={message} />}
      <SubmitButton busy={busy} label={t.signUpSubmit} busyLabel={t.working} testId="sign-up-submit" />
      {adminHint && (
        <p
          data-testid="admin-hint"
          className="mt-4 rounded-xl bg-neutral-100 p-3 text-neutral-600 text-xs dark:bg-neutral-900 dark:text-neutral-400"
        >
          {t.adminEmailsHint}
        </p>
      )}
      <p className="mt-4 text-center text-neutral-600 text-sm dark:text-neutral-400">
        {t.haveAccount}{" "}
        <a
          href="/sign-in"
          data-testid="to-sign-in"
          className="font-medium text-brand-700 hover:underline dark:text-brand-300"
        >
          {t.toSignIn}
        </a>
      </p>
    </form>
  );
}
