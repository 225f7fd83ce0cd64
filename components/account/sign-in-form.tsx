"use client";

import { type FormEvent, useState } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { type AccountFailure, signInWithPassword } from "@/lib/chat-client/account-api";
import { failureText } from "./failure-text";
import { CARD, CardTitle, EmailField, Field, FormError, SubmitButton, SwitchLink } from "./form-parts";

/** Email and password; then a full load of `next`, so the proxy sees the new session cookie. */
export function SignInForm({ next, minPassword }: { next: string; minPassword: number }) {
  const t = useT();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AccountFailure | undefined>();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure(undefined);
    const result = await signInWithPassword(email.trim(), password);
    if (result.ok) {
      window.location.replace(next);
      return;
    }
    setFailure(result.failure);
    setBusy(false);
  };

  const signUpHref = `/sign-up${next === "/" ? "" : `?next=${encodeURIComponent(next)}`}`;
  return (
    <form onSubmit={submit} data-testid="sign-in-form" aria-labelledby="sign-in-title" className={CARD}>
      <CardTitle id="sign-in-title" title={t.signInTitle} intro={t.signInIntro} />
      <EmailField label={t.emailLabel} value={email} onChange={setEmail} />
      <Field
        id="password"
        label={t.passwordLabel}
        type="password"
        autoComplete="current-password"
        required
        data-testid="password-input"
        value={password}
        aria-invalid={failure?.kind === "wrongCredentials" ? true : undefined}
        onChange={(event) => setPassword(event.target.value)}
      />
      {failure && <FormError text={failureText(failure, t, minPassword)} />}
      <SubmitButton busy={busy} label={t.signInSubmit} busyLabel={t.working} testId="sign-in-submit" />
      <SwitchLink question={t.noAccountYet} label={t.toSignUp} href={signUpHref} testId="to-sign-up" />
    </form>
  );
}
