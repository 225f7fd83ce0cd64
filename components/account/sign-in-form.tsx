"use client";

import { type FormEvent, useState } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { type AccountFailure, signInWithPassword } from "@/lib/chat-client/account-api";
import { failureText } from "./failure-text";
import { CARD, CardTitle, Field, FormError, SubmitButton } from "./form-parts";

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
        autoComplete="current-password"
        required
        data-testid="password-input"
        value={password}
        aria-invalid={failure?.kind === "wrongCredentials" ? true : undefined}
        onChange={(event) => setPassword(event.target.value)}
      />
      {failure && <FormError text={failureText(failure, t, minPassword)} />}
      <SubmitButton busy={busy} label={t.signInSubmit} busyLabel={t.working} testId="sign-in-submit" />
      <p className="mt-4 text-center text-neutral-600 text-sm dark:text-neutral-400">
        {t.noAccountYet}{" "}
        <a
          href={signUpHref}
          data-testid="to-sign-up"
          className="font-medium text-brand-700 hover:underline dark:text-brand-300"
        >
          {t.toSignUp}
        </a>
      </p>
    </form>
  );
}
