"use client";

import { type FormEvent, useState } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { type AccountFailure, signInWithPassword, signUpWithPassword } from "@/lib/chat-client/account-api";
import { failureText } from "./failure-text";
import { CARD, CardTitle, EmailField, Field, FormError, SubmitButton, SwitchLink } from "./form-parts";

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
  const { busy, message, signUp } = useSignUp(next, minPassword);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void signUp(name, email, password);
  };

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
      <EmailField label={t.emailLabel} value={email} onChange={setEmail} />
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
      <SwitchLink question={t.haveAccount} label={t.toSignIn} href="/sign-in" testId="to-sign-in" />
    </form>
  );
}

/** Sign up, then sign in with the same details; what to say when either fails. */
function useSignUp(next: string, minPassword: number) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AccountFailure | "signInAfter" | undefined>();
  const signUp = async (name: string, email: string, password: string) => {
    if (busy) return;
    if (password.length < minPassword) return setFailure({ kind: "passwordTooShort" });
    setBusy(true);
    setFailure(undefined);
    const made = await signUpWithPassword(name.trim() || email.trim(), email.trim(), password);
    if (!made.ok) {
      setFailure(made.failure);
      setBusy(false);
      return;
    }
    const signedIn = await signInWithPassword(email.trim(), password);
    if (signedIn.ok) return window.location.replace(next);
    setFailure(signedIn.failure.kind === "wrongCredentials" ? "signInAfter" : signedIn.failure);
    setBusy(false);
  };
  const message =
    failure === "signInAfter" ? t.signUpThenSignInFailed : failure && failureText(failure, t, minPassword);
  return { busy, message, signUp };
}
